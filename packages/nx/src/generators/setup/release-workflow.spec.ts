import { parse } from 'yaml';
import { ACTION_PINS } from './action-pins';
import { releaseWorkflow, TO_PYPI } from './release-workflow';
import { WHEEL_PLATFORMS, type ReleaseWorkflowModel } from './workflow-model';

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job {
  name: string;
  needs?: string | string[];
  if?: string;
  permissions: Record<string, string>;
  environment?: string;
  strategy?: { 'max-parallel'?: number; matrix: { include?: Array<Record<string, string>>; project?: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow { name: string; on: Record<string, unknown>; permissions: Record<string, string>; concurrency: Record<string, unknown>; jobs: Record<string, Job> }

const PURE: ReleaseWorkflowModel = {
  projects: [
    { name: 'core', root: 'libs/core', maturin: false },
    { name: 'cli', root: 'apps/cli', maturin: false },
  ],
  packageManager: 'npm',
  uvWorkspace: true,
  repository: 'pypi',
  prereleaseRepository: 'testpypi',
  environmentPerProject: false,
  buildWheelTargetName: 'build-wheel',
  publishTargetName: 'publish',
  testTargetName: 'test',
};
const MIXED: ReleaseWorkflowModel = { ...PURE, projects: [...PURE.projects, { name: 'fast', root: 'py/fast', maturin: true }] };

const workflow = (model: ReleaseWorkflowModel) => parse(releaseWorkflow(model)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);

describe('release workflow', () => {
  it('grants nothing at the top and id-token: write only to the two publish jobs', () => {
    const wf = workflow(MIXED);

    expect(wf.permissions).toEqual({});
    const withIdToken = Object.entries(wf.jobs).filter(([, job]) => job.permissions['id-token'] === 'write').map(([id]) => id);
    expect(withIdToken).toEqual(['publish-testpypi', 'publish-pypi']);
    expect(Object.fromEntries(Object.entries(wf.jobs).map(([id, job]) => [id, job.permissions]))).toEqual({
      gate: { contents: 'read' },
      build: { contents: 'read' },
      wheels: { contents: 'read' },
      'publish-testpypi': { contents: 'read', 'id-token': 'write' },
      'publish-pypi': { contents: 'read', 'id-token': 'write' },
      verify: { contents: 'write' },
    });
  });

  it('runs on published GitHub releases and on a manual run with publish: yes|no', () => {
    const wf = workflow(PURE);

    expect(wf.on).toEqual({
      release: { types: ['published'] },
      workflow_dispatch: { inputs: expect.objectContaining({ publish: { description: expect.any(String), type: 'choice', options: ['no', 'yes'], default: 'no' } }) },
    });
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(wf.concurrency).toEqual({ group: 'python-release', 'cancel-in-progress': false });
  });

  it('routes every release through TestPyPI, and only stable releases or publish: yes on to PyPI', () => {
    const wf = workflow(PURE);

    expect(wf.jobs['publish-testpypi']).toMatchObject({ environment: 'testpypi', needs: ['gate', 'build'] });
    expect(wf.jobs['publish-testpypi'].if).toBeUndefined();
    expect(wf.jobs['publish-pypi']).toMatchObject({ environment: 'pypi', needs: ['gate', 'build', 'publish-testpypi'], if: `\${{ ${TO_PYPI} }}` });
    expect(TO_PYPI).toBe("(github.event_name == 'release' && !github.event.release.prerelease) || (github.event_name == 'workflow_dispatch' && inputs.publish == 'yes')");
    expect(wf.jobs.verify.env?.REPOSITORY).toBe(`\${{ (${TO_PYPI}) && 'pypi' || 'testpypi' }}`);
  });

  it('gates publishing on tests and a dependency audit', () => {
    const wf = workflow(PURE);
    const runs = wf.jobs.gate.steps.map((s) => s.run ?? '').join('\n');

    expect(runs).toContain('npx nx affected -t test');
    expect(runs).toContain('uv export --all-packages --no-emit-workspace');
    expect(runs).toMatch(/uvx --from pip-audit==[\d.]+ pip-audit/);
    expect(wf.jobs.build.needs).toBe('gate');
  });

  it('audits each project on its own when there is no uv workspace', () => {
    const runs = workflow({ ...PURE, uvWorkspace: false }).jobs.gate.steps.map((s) => s.run ?? '').join('\n');

    expect(runs).toContain('uv export --project libs/core --no-emit-project');
    expect(runs).toContain('uv export --project apps/cli --no-emit-project');
  });

  it('publishes the built artifacts without rebuilding, signs them, and verifies then tags in a later job', () => {
    const wf = workflow(PURE);
    const publish = wf.jobs['publish-pypi'].steps.map((s) => s.run ?? '').join('\n');

    expect(publish).toContain("npx nx affected -t publish --excludeTaskDependencies --repository=pypi --verify=false --exclude='!tag:pyrel'");
    expect(publish).toMatch(/pypi-attestations==[\d.]+ pypi-attestations sign/);
    expect(wf.jobs['publish-pypi'].steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with).toEqual({ name: 'python-dists' });
    const verify = wf.jobs.verify.steps.map((s) => s.run ?? '').join('\n');
    expect(verify).toContain("--excludeTaskDependencies --exclude='!tag:pyrel' --repository=\"$REPOSITORY\" --verifyPublished --gitTag");
    expect(wf.jobs.verify).toMatchObject({ needs: ['gate', 'publish-testpypi', 'publish-pypi'], if: '${{ !cancelled() && !failure() }}' });
  });

  it('builds maturin projects in a five-platform matrix plus an sdist, and the rest with build-wheel', () => {
    const wf = workflow(MIXED);

    expect(wf.jobs.build.steps.map((s) => s.run).filter(Boolean)).toContain('npx nx affected -t build-wheel --exclude=fast');
    const include = wf.jobs.wheels.strategy?.matrix.include ?? [];
    expect(include.map((e) => e.platform)).toEqual([...WHEEL_PLATFORMS.map((p) => p.id), 'sdist']);
    expect(include.filter((e) => e.platform.startsWith('linux')).map((e) => e.manylinux)).toEqual(['2_28', '2_28']);
    expect(include.every((e) => e.project === 'fast' && e.root === 'py/fast')).toBe(true);
    const maturin = wf.jobs.wheels.steps.find((s) => s.uses?.startsWith('PyO3/maturin-action@'));
    expect(maturin?.with).toMatchObject({ 'working-directory': '${{ matrix.root }}', sccache: "${{ !startsWith(github.ref, 'refs/tags/') }}" });
    expect(wf.jobs['publish-pypi'].needs).toEqual(['gate', 'build', 'wheels', 'publish-testpypi']);
    expect(wf.jobs['publish-pypi'].steps.filter((s) => s.uses?.startsWith('actions/download-artifact@')).map((s) => s.with)).toEqual([
      { name: 'python-dists' },
      { pattern: 'wheels-fast-*', path: 'py/fast/dist', 'merge-multiple': true },
    ]);
  });

  it('has no wheel matrix without maturin projects', () => {
    expect(Object.keys(workflow(PURE).jobs)).toEqual(['gate', 'build', 'publish-testpypi', 'publish-pypi', 'verify']);
  });

  it('gives each project its own environment, one at a time and dependencies first, when asked', () => {
    const wf = workflow({ ...PURE, environmentPerProject: true });

    expect(wf.jobs['publish-pypi']).toMatchObject({ environment: 'pypi-${{ matrix.project }}', strategy: { 'max-parallel': 1, matrix: { project: ['core', 'cli'] } } });
    expect(wf.jobs['publish-testpypi'].environment).toBe('testpypi-${{ matrix.project }}');
    const step = wf.jobs['publish-pypi'].steps.at(-1)!;
    expect(step.env).toEqual({ PROJECT: '${{ matrix.project }}' });
    expect(step.run).toContain('npx nx run "$PROJECT:publish --excludeTaskDependencies --repository=pypi --verify=false"');
  });

  it('pins every action to a full commit SHA with its version, and checks out without persisted credentials', () => {
    const all = steps(workflow(MIXED));
    const pinned = new Set(Object.values(ACTION_PINS).map((a) => `${a.repository}@${a.sha}`));

    for (const step of all.filter((s) => s.uses)) expect(pinned).toContain(step.uses);
    expect(releaseWorkflow(MIXED)).not.toMatch(/uses: [^\n]*@(?![0-9a-f]{40} # v\d)/);
    for (const step of all.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('keeps expressions out of shell scripts and caches off', () => {
    const all = steps(workflow({ ...MIXED, environmentPerProject: true }));

    for (const step of all.filter((s) => s.run)) expect(step.run).not.toContain('${{');
    for (const step of all.filter((s) => s.uses?.startsWith('astral-sh/setup-uv@'))) expect(step.with).toEqual({ 'enable-cache': false });
    for (const step of all.filter((s) => s.uses?.startsWith('actions/setup-node@'))) expect(step.with?.['package-manager-cache']).toBe(false);
  });

  it.each([
    ['pnpm', 'pnpm install --frozen-lockfile', 'pnpm exec nx affected -t test'],
    ['yarn', 'yarn install --immutable', 'yarn nx affected -t test'],
  ] as const)('uses %s when that is the workspace package manager', (packageManager, install, test) => {
    const runs = workflow({ ...PURE, packageManager }).jobs.gate.steps.map((s) => s.run);

    expect(runs).toEqual(expect.arrayContaining(['corepack enable', install, test]));
  });
});
