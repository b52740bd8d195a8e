import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';
import { addConsoleScripts } from '../utils/seed-packages';

const PKG = 'pyrel-seed-tools';
const MODULE = 'pyrel_seed_tools';
const SCRIPTS = ['seed-tools', 'seed-tools-report', 'seed-tools-sync'];

/**
 * Seed 001: a GitHub Release is the trigger. A pre-release `vX.Y.Zrc1` goes to TestPyPI, the
 * stable `vX.Y.Z` to PyPI, each by the generated workflow's jobs (replayed here against two
 * local indexes), every entry point smoke-tested from the index, then the annotated tag.
 */
describe('seed 001: GitHub Release -> TestPyPI (rc) / PyPI (stable), v-tags, entry points verified', () => {
  let r: ReleaseRehearsal;

  beforeAll(async () => {
    r = await createReleaseRehearsal('seed-001');
    r.ws.nx(['g', '@pyrel/nx:pyproject', PKG]);
    addConsoleScripts(r.ws, PKG, MODULE, SCRIPTS);
    r.ws.nx(['g', '@pyrel/nx:setup', '--releaseTagPattern=v{version}']);
    r.useLocalIndexes();
    r.ws.commit('the package and its release workflow');
  });

  afterAll(() => r?.stop());

  /** The jobs GitHub runs for a release; `publish-pypi` only when the release is not a pre-release. */
  function release(kind: 'prerelease' | 'stable'): { output: string; base: string } {
    const gate = r.runJob('gate');
    expect(gate.exitCode).toBe(0);
    const base = gate.outputs.sha;
    const jobs = ['build', 'publish-testpypi', ...(kind === 'stable' ? ['publish-pypi'] : []), 'verify'];
    const output = jobs.map((job) => {
      const result = r.runJob(job, { NX_BASE: base, REPOSITORY: kind === 'stable' ? 'pypi' : 'testpypi' });
      expect({ job, exitCode: result.exitCode }).toEqual({ job, exitCode: 0 });
      return result.output;
    }).join('\n');
    return { output, base };
  }

  it('routes a pre-release to TestPyPI only and a release on to PyPI', () => {
    const jobs = r.workflow();
    expect(jobs['publish-pypi'].if).toContain("github.event_name == 'release' && !github.event.release.prerelease");
    expect(jobs['publish-testpypi'].if).toBeUndefined();
  });

  it('v0.2.0rc1: a GitHub pre-release goes to TestPyPI, every entry point runs from there, then the tag', () => {
    r.ws.nx(['run', `${PKG}:version`, '--bump=preminor']);
    r.ws.commit('release 0.2.0rc1');
    const { output, base } = release('prerelease');
    expect(base).toBe(r.base);

    expect(Object.keys(r.files('testpypi')).sort()).toEqual([`${MODULE}-0.2.0rc1-py3-none-any.whl`, `${MODULE}-0.2.0rc1.tar.gz`]);
    expect(r.files('pypi')).toEqual({});
    for (const script of SCRIPTS) expect(output).toContain(`verify ${script} --help`);
    expect(r.ws.run('git', ['cat-file', '-t', 'v0.2.0rc1']).stdout.trim()).toBe('tag');
  });

  it('v0.2.0: the stable release goes through TestPyPI to PyPI, is verified from PyPI and tagged', () => {
    r.ws.nx(['run', `${PKG}:version`, '--bump=0.2.0']);
    r.ws.commit('release 0.2.0');
    const { output, base } = release('stable');
    // nx affected compares with the previous release's tag, as the gate's first step chooses.
    expect(base).toBe(r.ws.run('git', ['rev-parse', 'v0.2.0rc1^{commit}']).stdout.trim());

    expect(Object.keys(r.files('pypi')).sort()).toEqual([`${MODULE}-0.2.0-py3-none-any.whl`, `${MODULE}-0.2.0.tar.gz`]);
    expect(output).toContain(`already published on pypi`);
    for (const script of SCRIPTS) expect(output).toContain(`verify ${script} --help`);
    expect(r.ws.run('git', ['tag', '--points-at', 'HEAD']).stdout.trim()).toBe('v0.2.0');
    expect(r.pipInstall('pypi', [PKG], PKG)).toBe('0.2.0');
  });
});
