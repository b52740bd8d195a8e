import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { thrownBy } from '../testing/pyrel-errors';
import { useTempWorkspace } from '../testing/temp-workspace';
import { writeZip } from '../testing/zip-writer';
import type { Artifact } from '../python/build';
import type { FoundVersion } from '../version/version-sources';
import { checkBuiltFiles, type DeclaredRelease } from './check-built-files';

const workspace = useTempWorkspace('pyrel-check-built-');

const metadata = (name: string, version: string) => `Metadata-Version: 2.4\nName: ${name}\nVersion: ${version}\n`;

function artifact(fileName: string, files?: Record<string, string>): Artifact {
  const path = join(workspace.root, 'dist', fileName);
  workspace.write({ [`dist/${fileName}`]: '' });
  if (files) writeFileSync(path, writeZip(files));
  return { path, fileName, size: 0 };
}

const wheel = (fileName: string, version = '1.2.0', extra: Record<string, string> = {}) =>
  artifact(fileName, { 'my_lib/__init__.py': '', [`my_lib-${version}.dist-info/METADATA`]: metadata('my-lib', version), ...extra });

const pyproject: FoundVersion = { source: { kind: 'pyproject', file: 'libs/my-lib/pyproject.toml' }, written: '1.2.0', version: '1.2.0' };
const dunder: FoundVersion = { source: { kind: 'dunder', file: 'libs/my-lib/src/my_lib/__init__.py' }, written: '1.2.0', version: '1.2.0' };
const release: DeclaredRelease = { distribution: 'my-lib', version: '1.2.0', sources: [pyproject, dunder] };

const check = (artifacts: Artifact[], overrides: Partial<DeclaredRelease> = {}, allowTopLevel: string[] = []) =>
  checkBuiltFiles({ artifacts, release: { ...release, ...overrides }, allowTopLevel, workspaceRoot: workspace.root });

describe('checkBuiltFiles', () => {
  it('passes a good sdist and wheel and returns the wheel with its console scripts', () => {
    const wheels = check([
      artifact('my_lib-1.2.0.tar.gz'),
      wheel('my_lib-1.2.0-py3-none-any.whl', '1.2.0', { 'my_lib-1.2.0.dist-info/entry_points.txt': '[console_scripts]\nmy-lib = my_lib.cli:main\n' }),
    ]);
    expect(wheels).toHaveLength(1);
    expect(wheels[0]).toMatchObject({ fileName: 'my_lib-1.2.0-py3-none-any.whl', consoleScripts: ['my-lib'] });
    expect(wheels[0].entries).toContain('my_lib/__init__.py');
  });

  it('names both values and every source file when the built version differs', () => {
    const error = thrownBy(() => check([wheel('my_lib-1.3.0-py3-none-any.whl', '1.3.0')]));
    expect(error.title).toBe('The built distributions of my-lib fail their checks.');
    expect(error.bodyLines[0]).toBe(
      '  dist/my_lib-1.3.0-py3-none-any.whl: METADATA says version 1.3.0, but libs/my-lib/pyproject.toml says 1.2.0, libs/my-lib/src/my_lib/__init__.py says 1.2.0',
    );
  });

  it('compares normalised versions and ignores Cargo.lock, which cargo rewrites', () => {
    const cargo: FoundVersion = { source: { kind: 'cargo-package', file: 'Cargo.toml' }, written: '1.2.0-rc.1', version: '1.2.0rc1' };
    const lock: FoundVersion = { source: { kind: 'cargo-lock', file: 'Cargo.lock', crate: 'my-lib' }, written: '1.1.0', version: '1.1.0' };
    expect(() => check([wheel('my_lib-1.2.0rc1-py3-none-any.whl', '1.2.0-rc1')], { version: '1.2.0rc1', sources: [cargo, lock] })).not.toThrow();
    const error = thrownBy(() => check([wheel('my_lib-1.3.0-py3-none-any.whl', '1.3.0')], { version: '1.2.0rc1', sources: [cargo, lock] }));
    expect(error.bodyLines[0]).toMatch(/but Cargo\.toml says 1\.2\.0-rc\.1$/);
  });

  it('skips the version comparison when the backend computes the version', () => {
    expect(() => check([wheel('my_lib-0.0.1.dev3-py3-none-any.whl', '0.0.1.dev3')], { version: null, sources: [] })).not.toThrow();
  });

  it('reports a stray top-level tests package unless it is allowed', () => {
    const withTests = () => wheel('my_lib-1.2.0-py3-none-any.whl', '1.2.0', { 'tests/test_it.py': '' });
    expect(thrownBy(() => check([withTests()])).bodyLines[0]).toMatch(/^ {2}dist\/my_lib-1\.2\.0-py3-none-any\.whl: it ships a top-level "tests\/"/);
    expect(() => check([withTests()], {}, ['tests'])).not.toThrow();
  });

  it('reports a sdist whose name is not PEP 625 normalised', () => {
    const error = thrownBy(() => check([artifact('my-lib-1.2.0.tar.gz'), wheel('my_lib-1.2.0-py3-none-any.whl')]));
    expect(error.bodyLines[0]).toBe('  dist/my-lib-1.2.0.tar.gz: the sdist is named my-lib-1.2.0.tar.gz; PEP 625 names it my_lib-1.2.0.tar.gz');
  });

  it('fails when no wheel was built, and reports all problems of all files at once', () => {
    expect(thrownBy(() => check([artifact('my_lib-1.2.0.tar.gz')])).bodyLines[0]).toBe('  no wheel was built (found: my_lib-1.2.0.tar.gz)');
    const error = thrownBy(() => check([artifact('My.Lib-1.2.0.tar.gz'), wheel('my_lib-1.3.0-py3-none-any.whl', '1.3.0', { 'docs/index.py': '' })]));
    expect(error.bodyLines.filter((line) => line.startsWith('  '))).toHaveLength(3);
  });
});
