import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';
import { addConsoleScripts } from '../utils/seed-packages';

const SDK = 'pyrel-seed-sdk';
const MODULE = 'pyrel_seed_sdk';
const DIR = 'libs/sdk';

/**
 * Seed 002: a pure-Python SDK released by hand with `python -m build` and twine: `__version__`
 * and pyproject.toml kept equal, a CHANGELOG entry, clean build directories, the wheel installed
 * and its import and CLI tried before any upload, TestPyPI then PyPI with `.pypirc` credentials.
 */
describe('seed 002: SDK with __version__, CHANGELOG, python -m build, twine and .pypirc', () => {
  let r: ReleaseRehearsal;
  /** No token in the environment: twine's credentials come from the .pypirc, as in the seed. */
  let pypircEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    r = await createReleaseRehearsal('seed-002');
    r.ws.nx(['g', '@pyrel/nx:pyproject', DIR, `--name=${SDK}`, '--backend=setuptools']);
    addConsoleScripts(r.ws, DIR, MODULE, [SDK]);
    r.ws.nx(['g', '@pyrel/nx:setup', '--no-workflow']);
    r.useLocalIndexes();
    // The seed builds with pypa build: every build of this workspace, including the one publish depends on.
    r.ws.updateJson<{ targetDefaults: Record<string, unknown> }>('nx.json', (nxJson) => ({ ...nxJson, targetDefaults: { ...nxJson.targetDefaults, '@pyrel/nx:build-wheel': { options: { builder: 'build' } } } }));
    r.ws.commit('chore: the SDK');
    r.ws.write({ [`${DIR}/src/${MODULE}/client.py`]: '"""The API client."""\n' });
    r.ws.commit('feat: add the API client');
    const pypirc = join(r.ws.root, 'tmp', 'pypirc');
    r.ws.write({ 'tmp/pypirc': '[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[pypi]\nusername = __token__\npassword = pypi-local-sdk\n\n[testpypi]\nusername = __token__\npassword = testpypi-local-sdk\n' });
    pypircEnv = { ...r.env, PYREL_TOKEN_PYPI: undefined, PYREL_TOKEN_TESTPYPI: undefined, PYREL_PYPIRC: pypirc };
  });

  afterAll(() => r?.stop());

  it('bumps pyproject.toml and __version__ together and writes the CHANGELOG entry from the commits', () => {
    r.ws.nx(['run', `${SDK}:version`, '--bump=auto', '--changelog']);

    expect(r.ws.read(`${DIR}/pyproject.toml`)).toContain('version = "0.2.0"');
    expect(r.ws.read(`${DIR}/src/${MODULE}/__init__.py`)).toContain('__version__ = "0.2.0"');
    expect(r.ws.read(`${DIR}/CHANGELOG.md`)).toMatch(/## 0\.2\.0[\s\S]*add the API client/);
  });

  it('builds with python -m build from clean directories, then installs the wheel and tries its import and CLI', () => {
    r.ws.write({ [`${DIR}/build/lib/stale.py`]: 'raise SystemExit("stale")\n', [`${DIR}/dist/${MODULE}-0.0.1.tar.gz`]: 'old' });
    const result = r.ws.nx(['run', `${SDK}:build-wheel`, '--smoke']);

    expect(existsSync(join(r.ws.root, DIR, 'build'))).toBe(false);
    expect(result.output).toMatch(/python -m build|pypa build/);
    expect(result.output).toContain(`import ${MODULE}`);
    expect(result.output).toContain(`${SDK} --help`);
  });

  it('uploads with twine to TestPyPI, then the same files to PyPI, with the .pypirc credentials', () => {
    const rehearsal = r.ws.nx(['run', `${SDK}:publish`, '--uploader=twine', '--repository=testpypi'], { env: pypircEnv });
    expect(rehearsal.output).toContain(`credentials: ${pypircEnv.PYREL_PYPIRC} [testpypi]`);
    const release = r.ws.nx(['run', `${SDK}:publish`, '--uploader=twine', '--repository=pypi'], { env: pypircEnv });
    expect(release.output).toContain(`credentials: ${pypircEnv.PYREL_PYPIRC} [pypi]`);
    expect(release.output).not.toContain('pypi-local-sdk');

    expect(Object.keys(r.files('pypi')).sort()).toEqual([`${MODULE}-0.2.0-py3-none-any.whl`, `${MODULE}-0.2.0.tar.gz`]);
    expect(r.files('testpypi')).toEqual(r.files('pypi'));
    expect(r.pipInstall('pypi', [SDK], SDK)).toBe('0.2.0');
  });
});
