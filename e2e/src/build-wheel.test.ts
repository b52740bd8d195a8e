import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findOnPath } from '../../packages/nx/src/python/which';
import { createVenv } from '../utils/commands';
import { hatchlingPackage, maturinPackage, rustCrate } from '../utils/fixtures';
import { createTestWorkspace } from '../utils/template';
import type { Workspace } from '../utils/workspace';

const itWithCargo = findOnPath('cargo', process.env) ? it : it.skip;

/** Names unlikely to exist on PyPI: smoke installs also consult the default index for dependencies. */
const CORE = 'pyrel-e2e-core';
const APP = 'pyrel-e2e-app';

const cli = (module: string) => `import argparse\n\n\ndef main() -> None:\n    argparse.ArgumentParser(prog="${module}").parse_args()\n`;

function distFiles(ws: Workspace, root: string): string[] {
  const dir = join(ws.root, root, 'dist');
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.(whl|tar\.gz)$/.test(f)).sort() : [];
}

function sha256s(ws: Workspace, root: string): Record<string, string> {
  return Object.fromEntries(distFiles(ws, root).map((f) => [f, createHash('sha256').update(readFileSync(join(ws.root, root, 'dist', f))).digest('hex')]));
}

/** Which tasks of a run came from the cache, from Nx's per-task header lines. */
function cachedTasks(output: string): Record<string, boolean> {
  // --output-style=static prints a header per task, with "[local cache]" or "[existing outputs match the cache…]" on hits.
  const tasks: Record<string, boolean> = {};
  for (const match of output.matchAll(/> nx run (\S+):build-wheel(.*)/g)) tasks[match[1]] = /cache/.test(match[2]);
  return tasks;
}

describe('build-wheel', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = createTestWorkspace('build-wheel');
    const core = hatchlingPackage({ dir: 'libs/core', name: CORE, version: '1.2.0' });
    ws.write({
      'nx.json': JSON.stringify({ plugins: ['@pyrel/nx'] }, null, 2),
      ...core,
      'libs/core/pyproject.toml': `${core['libs/core/pyproject.toml'].replace('requires-python', 'readme = "README.md"\nrequires-python')}\n[project.scripts]\npyrel-e2e-core = "pyrel_e2e_core.cli:main"\n`,
      'libs/core/README.md': '# pyrel-e2e-core\n\nThe core of the build-wheel e2e fixture.\n',
      'libs/core/src/pyrel_e2e_core/cli.py': cli('pyrel-e2e-core'),
      'libs/core/tests/test_core.py': 'def test_it():\n    assert True\n',
      ...hatchlingPackage({ dir: 'libs/app', name: APP, version: '0.3.0', dependencies: [`${CORE}>=1.2`] }),
      ...maturinPackage('bindings/fastpy', 'fastpy', { 'fast-core': '../../rust/fast-core' }),
      ...rustCrate('rust/fast-core', 'fast-core'),
    });
    ws.commit('fixture');
  });

  afterAll(() => ws?.remove());

  it('builds byte-identical sdists and wheels twice in a row (SOURCE_DATE_EPOCH from the last commit)', () => {
    const first = ws.nx(['run', `${CORE}:build-wheel`, '--skip-nx-cache']);
    expect(first.output).toMatch(/Building pyrel-e2e-core with uv build into libs\/core\/dist \(SOURCE_DATE_EPOCH=\d+\)/);
    expect(first.output).toContain('checked: twine check --strict, wheel contents, version 1.2.0 = libs/core/pyproject.toml, libs/core/src/pyrel_e2e_core/__init__.py');
    const hashes = sha256s(ws, 'libs/core');
    expect(Object.keys(hashes)).toEqual(['pyrel_e2e_core-1.2.0-py3-none-any.whl', 'pyrel_e2e_core-1.2.0.tar.gz']);
    ws.nx(['run', `${CORE}:build-wheel`, '--skip-nx-cache']);
    expect(sha256s(ws, 'libs/core')).toEqual(hashes);
  });

  it('--smoke installs the wheel in a throwaway venv, imports it and runs its scripts with --help', () => {
    const result = ws.nx(['run', `${CORE}:build-wheel`, '--smoke', '--skip-nx-cache']);
    expect(result.output).toContain('smoke: installed pyrel_e2e_core-1.2.0-py3-none-any.whl into a fresh venv');
    expect(result.output).toContain('smoke: import pyrel_e2e_core');
    expect(result.output).toContain('smoke: pyrel-e2e-core --help');
    // A workspace dependency that is on no index is installed from its dist/.
    const app = ws.nx(['run', `${APP}:build-wheel`, '--smoke', '--skip-nx-cache']);
    expect(app.output).toContain('smoke: import pyrel_e2e_app');
  });

  it('builds with pypa build when builder is "build", and warns about a missing long description', () => {
    const result = ws.nx(['run', `${APP}:build-wheel`, '--builder=build', '--skip-nx-cache']);
    expect(result.output).toContain('with python -m build');
    expect(result.output).toContain('pyrel-e2e-app has no long description: its PyPI page will be empty.');
    expect(result.output).toContain('checked: twine check, wheel contents, version 0.3.0');
    expect(distFiles(ws, 'libs/app')).toEqual(['pyrel_e2e_app-0.3.0-py3-none-any.whl', 'pyrel_e2e_app-0.3.0.tar.gz']);
  });

  it('removes stale dist files, build/ and egg-info before building', () => {
    ws.write({
      'libs/app/dist/pyrel_e2e_app-0.2.0-py3-none-any.whl': 'stale',
      'libs/app/build/lib/old.py': '',
      'libs/app/src/pyrel_e2e_app.egg-info/PKG-INFO': '',
    });
    ws.nx(['run', `${APP}:build-wheel`, '--skip-nx-cache']);
    expect(distFiles(ws, 'libs/app')).toEqual(['pyrel_e2e_app-0.3.0-py3-none-any.whl', 'pyrel_e2e_app-0.3.0.tar.gz']);
    expect(existsSync(join(ws.root, 'libs/app/build'))).toBe(false);
    expect(existsSync(join(ws.root, 'libs/app/src/pyrel_e2e_app.egg-info'))).toBe(false);
  });

  it('fails on a stray top-level tests/ in the wheel, naming the file, unless allowTopLevel lists it', () => {
    const pyproject = ws.read('libs/core/pyproject.toml');
    ws.write({ 'libs/core/pyproject.toml': `${pyproject}\n[tool.hatch.build.targets.wheel]\npackages = ["src/pyrel_e2e_core", "tests"]\n` });
    const stray = ws.nx(['run', `${CORE}:build-wheel`, '--skip-nx-cache'], { check: false });
    expect(stray.exitCode).not.toBe(0);
    expect(stray.output).toContain('The built distributions of pyrel-e2e-core fail their checks.');
    expect(stray.output).toContain('libs/core/dist/pyrel_e2e_core-1.2.0-py3-none-any.whl: it ships a top-level "tests/"');
    const allowed = ws.nx(['run', `${CORE}:build-wheel`, '--allowTopLevel=tests', '--skip-nx-cache']);
    expect(allowed.exitCode).toBe(0);
    const unchecked = ws.nx(['run', `${CORE}:build-wheel`, '--skipChecks', '--skip-nx-cache']);
    expect(unchecked.output).toContain('built pyrel_e2e_core-1.2.0-py3-none-any.whl');
    expect(unchecked.output).not.toContain('checked:');
    ws.write({ 'libs/core/pyproject.toml': pyproject });
  });

  it('fails before building when version sources disagree, naming both values and files', () => {
    ws.write({ 'libs/core/src/pyrel_e2e_core/__init__.py': '__version__ = "1.2.1"\n' });
    const result = ws.nx(['run', `${CORE}:build-wheel`, '--skip-nx-cache'], { check: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('The version sources of pyrel-e2e-core disagree.');
    expect(result.output).toContain('libs/core/pyproject.toml: 1.2.0');
    expect(result.output).toContain('libs/core/src/pyrel_e2e_core/__init__.py: 1.2.1');
    ws.run('git', ['checkout', '--', 'libs/core']);
  });

  it('fails with the metadata problem when twine check --strict rejects the long description', () => {
    const pyproject = ws.read('libs/app/pyproject.toml');
    ws.write({
      'libs/app/pyproject.toml': pyproject.replace('requires-python', 'readme = { file = "README.rst", content-type = "text/x-rst" }\nrequires-python'),
      'libs/app/README.rst': 'Title\n=====\n\n.. broken-directive::\n\n`unclosed\n',
    });
    const result = ws.nx(['run', `${APP}:build-wheel`, '--skip-nx-cache'], { check: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('twine check --strict rejects the built metadata');
    expect(result.output).toMatch(/pyrel_e2e_app-0\.3\.0.*FAILED/);
    ws.write({ 'libs/app/pyproject.toml': pyproject });
    rmSync(join(ws.root, 'libs/app/README.rst'));
  });

  it('refuses a pyproject without a build backend, and shows the backend error of a failed build without a stack trace', () => {
    const pyproject = ws.read('libs/app/pyproject.toml');
    ws.write({ 'libs/app/pyproject.toml': pyproject.replace('build-backend = "hatchling.build"\n', '') });
    const noBackend = ws.nx(['run', `${APP}:build-wheel`, '--skip-nx-cache'], { check: false });
    expect(noBackend.exitCode).not.toBe(0);
    expect(noBackend.output).toContain('libs/app/pyproject.toml has no [build-system] build-backend.');
    ws.write({ 'libs/app/pyproject.toml': pyproject });
    const misplaced = ws.nx(['run', `${APP}:build-wheel`, '--compatibility=musllinux_1_2', '--skip-nx-cache'], { check: false });
    expect(misplaced.exitCode).not.toBe(0);
    expect(misplaced.output).toContain('The compatibility and target options apply to builder "maturin" only.');

    // A hatchling build hook that raises: the backend's own traceback is the useful part.
    ws.write({
      'libs/app/pyproject.toml': `${pyproject}\n[tool.hatch.build.hooks.custom]\n`,
      'libs/app/hatch_build.py': 'from hatchling.builders.hooks.plugin.interface import BuildHookInterface\n\n\nclass Hook(BuildHookInterface):\n    def initialize(self, version, build_data):\n        raise RuntimeError("pyrel-e2e: this build hook fails on purpose")\n',
    });
    const failed = ws.nx(['run', `${APP}:build-wheel`, '--skip-nx-cache'], { check: false });
    expect(failed.exitCode).not.toBe(0);
    expect(failed.output).toContain('RuntimeError: pyrel-e2e: this build hook fails on purpose');
    expect(failed.output).toContain('The uv build of libs/app failed: read the build backend\'s error above');
    expect(failed.output).not.toMatch(/\n\s+at .+\.js:\d+:\d+/);
    rmSync(join(ws.root, 'libs/app/hatch_build.py'));
    ws.write({ 'libs/app/pyproject.toml': pyproject });
  });

  it('says how to install Rust when a maturin project is built without cargo', () => {
    const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !existsSync(join(dir, 'cargo'))).join(delimiter);
    const result = ws.nx(['run', 'fastpy:build-wheel', '--skip-nx-cache'], { check: false, env: { PATH: path } });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('cargo was not found on PATH, and fastpy is a maturin project');
    expect(result.output).toContain('https://rustup.rs');
  });

  it('caches: a second run-many is a cache hit that restores dist/, and touching a .py rebuilds only its project', () => {
    const projects = `--projects=${CORE},${APP}`;
    ws.nx(['run-many', '-t', 'build-wheel', projects, '--output-style=static']);
    const built = sha256s(ws, 'libs/core');
    rmSync(join(ws.root, 'libs/core/dist'), { recursive: true });
    const replay = ws.nx(['run-many', '-t', 'build-wheel', projects, '--output-style=static']);
    expect(cachedTasks(replay.output)).toEqual({ [CORE]: true, [APP]: true });
    expect(sha256s(ws, 'libs/core')).toEqual(built);

    ws.write({ 'libs/app/src/pyrel_e2e_app/extra.py': 'VALUE = 1\n' });
    const touched = ws.nx(['run-many', '-t', 'build-wheel', projects, '--output-style=static']);
    expect(cachedTasks(touched.output)).toEqual({ [CORE]: true, [APP]: false });
  });

  itWithCargo('builds the PyO3 abi3 maturin project into a wheel that installs and imports', () => {
    const result = ws.nx(['run', 'fastpy:build-wheel', '--smoke']);
    expect(result.output).toContain('smoke: import fastpy');
    const wheels = distFiles(ws, 'bindings/fastpy').filter((f) => f.endsWith('.whl'));
    expect(wheels).toEqual([expect.stringMatching(/^fastpy-0\.4\.0-cp39-abi3-.+\.whl$/)]);
    const venv = createVenv(join(ws.root, '.venv-fastpy'));
    venv.pip(['install', '--no-index', join(ws.root, 'bindings/fastpy/dist', wheels[0])]);
    expect(ws.run(venv.python, ['-c', 'import fastpy; print(fastpy.__version__)']).stdout.trim()).toBe('0.4.0');
  });

  itWithCargo('builds with maturin build --release --sdist when builder is "maturin", passing --compatibility through', () => {
    const result = ws.nx(['run', 'fastpy:build-wheel', '--builder=maturin', '--skip-nx-cache']);
    expect(result.output).toContain('Building fastpy with maturin build into bindings/fastpy/dist');
    expect(distFiles(ws, 'bindings/fastpy')).toEqual([expect.stringMatching(/^fastpy-0\.4\.0-cp39-abi3-.+\.whl$/), 'fastpy-0.4.0.tar.gz']);
    // manylinux_2_28 is what CI builds in a manylinux container; this host's glibc is newer, and maturin says so.
    const policy = ws.nx(['run', 'fastpy:build-wheel', '--builder=maturin', '--compatibility=manylinux_2_28', '--skip-nx-cache'], { check: false });
    if (policy.exitCode === 0) {
      expect(distFiles(ws, 'bindings/fastpy')).toEqual([expect.stringMatching(/^fastpy-0\.4\.0-cp39-abi3-manylinux_2_28_\w+\.whl$/), 'fastpy-0.4.0.tar.gz']);
    } else {
      expect(policy.output).toContain('not manylinux_2_28 compliant');
      expect(policy.output).toContain('The maturin build of bindings/fastpy failed');
    }
  });

  itWithCargo('rebuilds the maturin project, and only it, when the Rust crate it depends on changes', () => {
    const projects = `--projects=${CORE},fastpy`;
    ws.nx(['run-many', '-t', 'build-wheel', projects, '--output-style=static']);
    ws.write({ 'rust/fast-core/src/lib.rs': 'pub fn answer() -> u32 {\n    43\n}\n' });
    const touched = ws.nx(['run-many', '-t', 'build-wheel', projects, '--output-style=static']);
    expect(cachedTasks(touched.output)).toEqual({ [CORE]: true, fastpy: false });
  });
});
