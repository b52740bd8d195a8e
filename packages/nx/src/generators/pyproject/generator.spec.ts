import { logger, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readCargoManifest } from '../../core/cargo-manifest';
import { readPyproject } from '../../core/pyproject';
import { parseToml } from '../../core/toml';
import { pyprojectGenerator } from './generator';
import type { PyprojectBackend } from './schema';

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8');

describe('pyproject generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it.each<[PyprojectBackend, string, string]>([
    ['hatchling', 'hatchling.build', 'libs/my-lib/src/my_lib/__init__.py'],
    ['setuptools', 'setuptools.build_meta', 'libs/my-lib/src/my_lib/__init__.py'],
    ['maturin', 'maturin', 'libs/my-lib/my_lib/__init__.py'],
  ])('writes a PEP 621 project for %s that the graph reads as one', async (backend, buildBackend, initPy) => {
    await pyprojectGenerator(tree, { directory: 'libs/my-lib', backend });

    const manifest = readPyproject(read(tree, 'libs/my-lib/pyproject.toml')!, 'pyproject.toml');
    expect(manifest.project).toMatchObject({ name: 'my-lib', version: '0.1.0', dynamicVersion: false, requirementNames: ['pytest', 'pytest-cov'] });
    expect(manifest.buildBackend).toBe(buildBackend);
    expect(read(tree, initPy)).toContain('__version__ = "0.1.0"');
    expect(read(tree, 'libs/my-lib/tests/test_my_lib.py')).toContain('import my_lib');
    expect(read(tree, 'libs/my-lib/README.md')).toContain('nx run my-lib:publish --prerelease');
  });

  it('gives the test run a coverage threshold, 90 unless told', async () => {
    await pyprojectGenerator(tree, { directory: 'libs/a' });
    await pyprojectGenerator(tree, { directory: 'libs/b', coverageThreshold: 75 });

    const coverage = (path: string) => parseToml(read(tree, path)!, path).tool as Record<string, Record<string, Record<string, unknown>>>;
    expect(coverage('libs/a/pyproject.toml').coverage.report.fail_under).toBe(90);
    expect(coverage('libs/b/pyproject.toml').coverage.report.fail_under).toBe(75);
    expect(coverage('libs/a/pyproject.toml').coverage.run.source).toEqual(['a']);
  });

  it('writes the description and requires-python it is given, in pyproject.toml and the README', async () => {
    await pyprojectGenerator(tree, { directory: 'libs/sdk', description: 'Client for the "Acme" API', requiresPython: '>=3.11' });

    const project = parseToml(read(tree, 'libs/sdk/pyproject.toml')!, 'pyproject.toml').project as Record<string, unknown>;
    expect(project.description).toBe('Client for the "Acme" API');
    expect(project['requires-python']).toBe('>=3.11');
    expect(read(tree, 'libs/sdk/README.md')).toContain('Client for the "Acme" API');
  });

  it.each([['Say "hi"'], ['Ends with a backslash \\'], ['Has """triple""" quotes']])('writes the description as an escaped string literal, so quotes and backslashes cannot end the docstring: %j', async (description) => {
    await pyprojectGenerator(tree, { directory: 'libs/sdk', description });

    expect(read(tree, 'libs/sdk/src/sdk/__init__.py')?.split('\n')[0]).toBe(JSON.stringify(description));
  });

  it('gives maturin a PyO3 abi3 crate with the same version, and the extension as a private submodule', async () => {
    await pyprojectGenerator(tree, { directory: 'py/fast', backend: 'maturin' });

    const cargo = readCargoManifest(read(tree, 'py/fast/Cargo.toml')!, 'Cargo.toml');
    expect(cargo.package).toMatchObject({ name: 'fast', version: '0.1.0' });
    expect(read(tree, 'py/fast/Cargo.toml')).toMatch(/pyo3 = .*"abi3-py39"/);
    expect(read(tree, 'py/fast/src/lib.rs')).toContain('fn _native(');
    expect(read(tree, 'py/fast/pyproject.toml')).toContain('module-name = "fast._native"');
    expect(read(tree, 'py/fast/fast/__init__.py')).toContain('from ._native import add');
  });

  it('registers the plugin once, so the graph infers the new project at once', async () => {
    await pyprojectGenerator(tree, { directory: 'libs/a' });
    await pyprojectGenerator(tree, { directory: 'libs/b' });

    expect(readNxJson(tree)?.plugins).toEqual([expect.objectContaining({ plugin: '@pyrel/nx' })]);
  });

  it('keeps the name as written and imports it normalised', async () => {
    await pyprojectGenerator(tree, { directory: 'libs/x', name: 'Acme.Data_Tools' });

    expect(read(tree, 'libs/x/pyproject.toml')).toContain('name = "Acme.Data_Tools"');
    expect(tree.exists('libs/x/src/acme_data_tools/__init__.py')).toBe(true);
  });

  it('adds only missing files to an existing directory and says which it kept', async () => {
    tree.write('libs/mylib/pyproject.toml', '[project]\nname = "mylib"\nversion = "3.0.0"\n');
    tree.write('libs/mylib/mylib/__init__.py', '__version__ = "3.0.0"\n');

    await pyprojectGenerator(tree, { directory: 'libs/mylib' });

    expect(read(tree, 'libs/mylib/pyproject.toml')).toBe('[project]\nname = "mylib"\nversion = "3.0.0"\n');
    expect(tree.exists('libs/mylib/src/mylib/__init__.py')).toBe(false);
    expect(tree.exists('libs/mylib/README.md')).toBe(true);
    expect(tree.exists('libs/mylib/tests/test_mylib.py')).toBe(true);
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('kept existing files (pass --force to overwrite): libs/mylib/pyproject.toml, libs/mylib/src/mylib/__init__.py'));
  });

  it('overwrites with --force', async () => {
    tree.write('libs/mylib/pyproject.toml', '[project]\nname = "mylib"\nversion = "3.0.0"\n');

    await pyprojectGenerator(tree, { directory: 'libs/mylib', force: true });

    expect(read(tree, 'libs/mylib/pyproject.toml')).toContain('build-backend = "hatchling.build"');
  });

  it('is idempotent', async () => {
    await pyprojectGenerator(tree, { directory: 'libs/mylib', backend: 'maturin' });
    const first = tree.listChanges().map((c) => [c.path, c.content?.toString()]);
    await pyprojectGenerator(tree, { directory: 'libs/mylib', backend: 'maturin' });

    expect(tree.listChanges().map((c) => [c.path, c.content?.toString()])).toEqual(first);
  });

  it('refuses a setup.py project and explains the migration', async () => {
    tree.write('libs/legacy/setup.py', 'from setuptools import setup\nsetup(name="legacy")\n');

    await expect(pyprojectGenerator(tree, { directory: 'libs/legacy' })).rejects.toThrow(/already a setup\.py project[\s\S]*\[project\] table in pyproject\.toml[\s\S]*--force/);
    expect(tree.exists('libs/legacy/pyproject.toml')).toBe(false);
  });

  it.each([
    [{ directory: 'libs/x', backend: 'poetry' as PyprojectBackend }, /Unknown backend "poetry"[\s\S]*hatchling, setuptools, maturin/],
    [{ directory: 'libs/-bad-' }, /"-bad-" is not a valid distribution name[\s\S]*--name/],
    [{ directory: 'libs/x', name: 'my lib' }, /"my lib" is not a valid distribution name/],
    [{ directory: 'libs/2fast' }, /import name "2fast", which Python cannot import/],
    [{ directory: '../outside' }, /not a directory inside the workspace/],
  ])('rejects %j', async (options, message) => {
    await expect(pyprojectGenerator(tree, options)).rejects.toThrow(message);
    expect(tree.listChanges().filter((c) => c.path.startsWith('libs/'))).toEqual([]);
  });
});
