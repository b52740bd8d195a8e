import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { LocalIndex } from '../../packages/nx/src/index/local-index';
import { startFaultProxy, type FaultProxy } from '../utils/fault-proxy';
import { indexFiles } from '../utils/index-files';
import { createTestWorkspace } from '../utils/template';
import { sharedUv, startTestIndex } from '../utils/tools';
import type { Workspace } from '../utils/workspace';

interface WorkflowStep { name?: string; run?: string; uses?: string }
interface Workflow { jobs: Record<string, { steps: WorkflowStep[] }> }

const WORKFLOW = '.github/workflows/python-release.yml';

/**
 * The generated workflow's own scripts, run in order on this machine with two local indexes as
 * TestPyPI and PyPI: what GitHub would run, minus the steps that need GitHub (checkout, artifacts,
 * OIDC signing, pushing tags through the API).
 */
describe('release workflow: its nx commands replayed against local indexes', () => {
  let ws: Workspace;
  const indexes: Record<string, LocalIndex> = {};
  let scripts: (job: string) => string[];
  let env: NodeJS.ProcessEnv;
  /** In front of the PyPI stand-in: refuses the first upload that carries a PEP 740 attestation, which shows one was sent. */
  let attestationProbe: FaultProxy;

  beforeAll(async () => {
    ws = createTestWorkspace('release-workflow');
    for (const name of ['rehearsal', 'production']) indexes[name] = await startTestIndex(join(ws.root, 'tmp', name));
    attestationProbe = await startFaultProxy(indexes.production.url, { refuseOnce: 'name="attestations"' });
    ws.commit('empty workspace');
    const base = ws.run('git', ['rev-parse', 'HEAD']).stdout.trim();
    ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-wf-core']);
    ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-wf-cli', '--backend=setuptools']);
    // A uv workspace, so `uv run pytest` in the cli installs the core from its directory.
    ws.write({
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
      'libs/pyrel-wf-cli/pyproject.toml': `${ws.read('libs/pyrel-wf-cli/pyproject.toml').replace('dependencies = []', 'dependencies = ["pyrel-wf-core>=0.1"]')}\n[tool.uv.sources]\npyrel-wf-core = { workspace = true }\n`,
    });
    ws.updateJson<{ plugins: Array<{ plugin: string; options: Record<string, unknown> }> }>('nx.json', (nxJson) => {
      nxJson.plugins[0].options = {
        ...nxJson.plugins[0].options,
        repository: 'production',
        prereleaseRepository: 'rehearsal',
        repositories: {
          rehearsal: { url: indexes.rehearsal.url, indexUrl: indexes.rehearsal.simpleUrl },
          production: { url: attestationProbe.url, indexUrl: indexes.production.simpleUrl },
        },
      };
      return nxJson;
    });
    // A JS project with its own publish target: not this workflow's to run.
    ws.write({ 'apps/web/project.json': JSON.stringify({ name: 'web', targets: { publish: { command: 'touch web-was-published' } } }) });
    ws.nx(['g', '@pyrel/nx:setup']);
    ws.commit('two packages, a JS app and the release workflow');
    const workflow = parse(ws.read(WORKFLOW)) as Workflow;
    scripts = (job) => workflow.jobs[job].steps.filter((s) => s.run?.includes(' nx ')).map((s) => s.run as string);
    // What the workflow's env, setup-uv and the environments' trusted publishing give the jobs.
    env = {
      NX_BASE: base,
      PATH: `${dirname(await sharedUv())}:${process.env.PATH}`,
      PYREL_TOKEN_REHEARSAL: 'dummy',
      PYREL_TOKEN_PRODUCTION: 'dummy',
    };
  });

  afterAll(async () => {
    attestationProbe?.stop();
    for (const index of Object.values(indexes)) await index.stop();
    ws?.remove();
  });

  const runScript = (script: string, extraEnv: NodeJS.ProcessEnv = {}) => ws.run('bash', ['-euo', 'pipefail', '-c', script], { env: { ...env, ...extraEnv } });

  it('gate: the affected projects\' tests pass their coverage threshold', () => {
    const [tests] = scripts('gate');
    expect(tests).toBe('npx nx affected -t test');
    const result = runScript(tests);
    expect(result.output).toContain('Successfully ran target test for 2 projects');
  });

  it('gate: the dependency audit exports the locked third-party requirements and runs pip-audit on them', () => {
    const audit = parse(ws.read(WORKFLOW)).jobs.gate.steps.find((s: WorkflowStep) => s.name === 'Dependency audit (pip-audit)').run as string;
    const result = runScript(audit, { RUNNER_TEMP: join(ws.root, 'tmp') });
    expect(readFileSync(join(ws.root, 'tmp/requirements.txt'), 'utf8')).not.toMatch(/^pyrel-wf/m);
    expect(readFileSync(join(ws.root, 'tmp/requirements.txt'), 'utf8')).toMatch(/^pytest-cov==/m);
    // pip-audit ran (this machine's PyPI mirror has no JSON API, so each package is reported as not audited, not as vulnerable).
    expect(result.output).toContain('No known vulnerabilities found');
  });

  it('build, then the rehearsal and the stable publish upload the same bytes with their attestations, dependencies first, without rebuilding', () => {
    runScript(scripts('build')[0]);
    const builtAt = readdirSync(join(ws.root, 'libs/pyrel-wf-core/dist')).map((f) => [f, readFileSync(join(ws.root, 'libs/pyrel-wf-core/dist', f)).length]);

    const rehearsal = runScript(scripts('publish-testpypi')[0]);
    expect(rehearsal.output).toContain('Published 2 file(s) of pyrel-wf-core 0.1.0');
    expect(rehearsal.output.indexOf('pyrel-wf-core 0.1.0')).toBeLessThan(rehearsal.output.indexOf('pyrel-wf-cli 0.1.0'));
    expect(rehearsal.output).not.toContain('nx run pyrel-wf-core:build-wheel');
    // What the workflow's signing step leaves beside each file (pypi-attestations needs GitHub's OIDC token, so a stand-in).
    const coreDist = join(ws.root, 'libs/pyrel-wf-core/dist');
    for (const file of readdirSync(coreDist)) writeFileSync(join(coreDist, `${file}.publish.attestation`), '{"version": 1}\n');
    const refused = ws.run('bash', ['-euo', 'pipefail', '-c', scripts('publish-pypi')[0]], { env, check: false });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toContain('injected fault: upload refused once');
    const stable = runScript(scripts('publish-pypi')[0]);
    expect(stable.output).toContain('Published 2 file(s) of pyrel-wf-cli 0.1.0');

    const rehearsed = indexFiles(join(ws.root, 'tmp/rehearsal'));
    expect(Object.keys(rehearsed)).toHaveLength(4);
    expect(indexFiles(join(ws.root, 'tmp/production'))).toEqual(rehearsed);
    expect(existsSync(join(ws.root, 'web-was-published'))).toBe(false);
    const distributions = (dir: string) => readdirSync(dir).filter((f) => !f.endsWith('.attestation'));
    expect(distributions(coreDist).map((f) => [f, readFileSync(join(coreDist, f)).length])).toEqual(builtAt);
  });

  it('verify: installs each release back from the index it went to, then tags it', () => {
    const [verify] = scripts('verify');
    const result = runScript(verify, { REPOSITORY: 'production' });
    expect(result.output).toContain('already published on production');
    expect(result.output).toContain('verify import pyrel_wf_core');
    expect(result.output).toContain('verify import pyrel_wf_cli');
    expect(ws.run('git', ['tag', '--points-at', 'HEAD']).stdout.split('\n').filter(Boolean).sort()).toEqual(['pyrel-wf-cli@0.1.0', 'pyrel-wf-core@0.1.0']);

    const rerun = runScript(verify, { REPOSITORY: 'production' });
    expect(rerun.output).toContain('verify import pyrel_wf_core');
  });
});
