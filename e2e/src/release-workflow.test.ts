import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '../utils/fault-proxy';
import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';

/**
 * The generated workflow's own scripts, run in order on this machine with two local indexes as
 * TestPyPI and PyPI under names of the user's choosing: what GitHub would run, minus the steps
 * that need GitHub (checkout, artifacts, OIDC signing, pushing tags through the API).
 */
describe('release workflow: its nx commands replayed against local indexes', () => {
  let r: ReleaseRehearsal;
  /** In front of the PyPI stand-in: refuses the first upload that carries a PEP 740 attestation, which shows one was sent. */
  let attestationProbe: FaultProxy;

  beforeAll(async () => {
    r = await createReleaseRehearsal('release-workflow');
    attestationProbe = await startFaultProxy(r.indexes.pypi.url, { refuseOnce: 'name="attestations"' });
    r.ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-wf-core']);
    r.ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-wf-cli', '--backend=setuptools']);
    // A uv workspace, so `uv run pytest` in the cli installs the core from its directory.
    r.ws.write({
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
      'libs/pyrel-wf-cli/pyproject.toml': `${r.ws.read('libs/pyrel-wf-cli/pyproject.toml').replace('dependencies = []', 'dependencies = ["pyrel-wf-core>=0.1"]')}\n[tool.uv.sources]\npyrel-wf-core = { workspace = true }\n`,
    });
    r.useLocalIndexes({ names: { testpypi: 'rehearsal', pypi: 'production' }, uploadUrls: { pypi: attestationProbe.url } });
    // A JS project with its own publish target: not this workflow's to run.
    r.ws.write({ 'apps/web/project.json': JSON.stringify({ name: 'web', targets: { publish: { command: 'touch web-was-published' } } }) });
    r.ws.nx(['g', '@pyrel/nx:setup']);
    r.ws.commit('two packages, a JS app and the release workflow');
  });

  afterAll(async () => {
    attestationProbe?.stop();
    await r?.stop();
  });

  it('gate: the affected projects\' tests pass their coverage threshold, and the dependency audit runs pip-audit on the locked third-party requirements', () => {
    expect(r.workflow().gate.steps.map((s) => s.run)).toContain('npx nx affected -t test');
    const gate = r.runJob('gate');
    expect(gate.exitCode).toBe(0);
    expect(gate.output).toContain('Successfully ran target test for 2 projects');

    const requirements = readFileSync(join(r.env.RUNNER_TEMP as string, 'requirements.txt'), 'utf8');
    expect(requirements).not.toMatch(/^pyrel-wf/m);
    expect(requirements).toMatch(/^pytest-cov==/m);
    // pip-audit ran (this machine's PyPI mirror has no JSON API, so each package is reported as not audited, not as vulnerable).
    expect(gate.output).toContain('No known vulnerabilities found');
  });

  it('build, then the rehearsal and the stable publish upload the same bytes with their attestations, dependencies first, without rebuilding', () => {
    expect(r.runJob('build').exitCode).toBe(0);
    const coreDist = join(r.ws.root, 'libs/pyrel-wf-core/dist');
    const builtAt = readdirSync(coreDist).map((f) => [f, readFileSync(join(coreDist, f)).length]);

    const rehearsal = r.runJob('publish-testpypi');
    expect(rehearsal.exitCode).toBe(0);
    expect(rehearsal.output).toContain('Published 2 file(s) of pyrel-wf-core 0.1.0');
    expect(rehearsal.output.indexOf('pyrel-wf-core 0.1.0')).toBeLessThan(rehearsal.output.indexOf('pyrel-wf-cli 0.1.0'));
    expect(rehearsal.output).not.toContain('nx run pyrel-wf-core:build-wheel');
    // What the workflow's signing step leaves beside each file (pypi-attestations needs GitHub's OIDC token, so a stand-in).
    for (const file of readdirSync(coreDist)) writeFileSync(join(coreDist, `${file}.publish.attestation`), '{"version": 1}\n');
    const refused = r.runJob('publish-pypi');
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toContain('injected fault: upload refused once');
    const stable = r.runJob('publish-pypi');
    expect(stable.exitCode).toBe(0);
    expect(stable.output).toContain('Published 2 file(s) of pyrel-wf-cli 0.1.0');

    const rehearsed = r.files('testpypi');
    expect(Object.keys(rehearsed)).toHaveLength(4);
    expect(r.files('pypi')).toEqual(rehearsed);
    expect(existsSync(join(r.ws.root, 'web-was-published'))).toBe(false);
    const distributions = (dir: string) => readdirSync(dir).filter((f) => !f.endsWith('.attestation'));
    expect(distributions(coreDist).map((f) => [f, readFileSync(join(coreDist, f)).length])).toEqual(builtAt);
  });

  it('verify: installs each release back from the index it went to, then tags it', () => {
    const result = r.runJob('verify', { REPOSITORY: 'production' });
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('already published on production');
    expect(result.output).toContain('verify import pyrel_wf_core');
    expect(result.output).toContain('verify import pyrel_wf_cli');
    expect(r.ws.run('git', ['tag', '--points-at', 'HEAD']).stdout.split('\n').filter(Boolean).sort()).toEqual(['pyrel-wf-cli@0.1.0', 'pyrel-wf-core@0.1.0']);

    const rerun = r.runJob('verify', { REPOSITORY: 'production' });
    expect(rerun.output).toContain('verify import pyrel_wf_core');
  });
});
