import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';
import { addConsoleScripts } from '../utils/seed-packages';

const CLI = 'pyrel-seed-beta';
const MODULE = 'pyrel_seed_beta';

/**
 * Seed 000: a pure-Python CLI going to 2.0 on a beta channel that plain `pip install` skips,
 * rehearsed on TestPyPI first, stable last behind the test gate, then an emergency patch.
 */
describe('seed 000: beta channel for a major release', () => {
  let r: ReleaseRehearsal;

  beforeAll(async () => {
    r = await createReleaseRehearsal('seed-000');
    r.ws.nx(['g', '@pyrel/nx:pyproject', `apps/${CLI}`]);
    addConsoleScripts(r.ws, `apps/${CLI}`, MODULE, [CLI]);
    r.ws.nx(['g', '@pyrel/nx:setup', '--preid=b']);
    r.useLocalIndexes();
    r.ws.nx(['run', `${CLI}:version`, '--bump=1.4.2']);
    r.ws.commit('the 1.x line');
    r.ws.nx(['run', `${CLI}:publish`], { env: r.env });
  });

  afterAll(() => r?.stop());

  it('2.0.0b1 is rehearsed on TestPyPI, then goes to the PyPI beta channel with the same bytes', () => {
    r.ws.nx(['run', `${CLI}:version`, '--bump=premajor']);
    expect(r.ws.read(`apps/${CLI}/src/${MODULE}/__init__.py`)).toContain('__version__ = "2.0.0b1"');
    r.ws.nx(['run', `${CLI}:publish`, '--repository=testpypi'], { env: r.env });
    r.ws.nx(['run', `${CLI}:publish`], { env: r.env });

    const beta = Object.entries(r.files('pypi')).filter(([file]) => file.includes('2.0.0b1'));
    expect(beta).toHaveLength(2);
    expect(Object.entries(r.files('testpypi'))).toEqual(beta);
  });

  it('publish --prerelease makes 2.0.0b2 (the preid from setup); plain pip install keeps 1.4.2, --pre or == gets the beta', () => {
    const result = r.ws.nx(['run', `${CLI}:publish`, '--prerelease', '--repository=pypi'], { env: r.env });
    expect(result.output).toContain('2.0.0b2');

    expect(r.pipInstall('pypi', [CLI], CLI)).toBe('1.4.2');
    expect(r.pipInstall('pypi', ['--pre', CLI], CLI)).toBe('2.0.0b2');
    expect(r.pipInstall('pypi', [`${CLI}==2.0.0b1`], CLI)).toBe('2.0.0b1');
  });

  it('2.0.0 goes out only after the gate passes; then an emergency 2.0.1', () => {
    r.ws.nx(['affected', '-t', 'test'], { env: r.env });
    r.ws.nx(['run', `${CLI}:version`, '--bump=2.0.0']);
    r.ws.nx(['run', `${CLI}:publish`], { env: r.env });
    expect(r.pipInstall('pypi', [CLI], CLI)).toBe('2.0.0');

    r.ws.nx(['run', `${CLI}:version`, '--bump=patch']);
    r.ws.nx(['run', `${CLI}:publish`], { env: r.env });
    expect(r.pipInstall('pypi', [CLI], CLI)).toBe('2.0.1');
    expect(Object.keys(r.files('pypi')).map((f) => /-(\d[^-]*?)(?:\.tar\.gz|-py3)/.exec(f)?.[1]).filter((v, i, all) => all.indexOf(v) === i)).toEqual(['1.4.2', '2.0.0', '2.0.0b1', '2.0.0b2', '2.0.1']);
  });
});
