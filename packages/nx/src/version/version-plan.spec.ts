import { PyrelError } from '../core/errors';
import { PendingWrites, planDependentWrites, planVersionWrites, uvLockDirectories } from './version-plan';
import { currentVersion, declaredVersion, readVersionSources } from './version-sources';
import type { WorkspaceFiles } from './workspace-files';

/** Workspace files held in memory: `children` is derived from the paths. */
function memoryFiles(texts: Record<string, string>): WorkspaceFiles {
  return {
    read: (path) => texts[path] ?? null,
    children: (dir) => {
      const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
      const names = Object.keys(texts)
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length).split('/')[0]);
      return [...new Set(names)];
    },
  };
}

const MYLIB = { name: 'mylib', root: 'libs/mylib', distribution: 'mylib', pyproject: 'libs/mylib/pyproject.toml' };
const MYLIB_FILES = {
  'libs/mylib/pyproject.toml': '[project]\nname = "mylib"\nversion = "1.2.0"  # keep\n',
  'libs/mylib/src/mylib/__init__.py': '"""mylib."""\n\n__version__ = "1.2.0"\n',
  'libs/mylib/src/mylib/_version.py': "__version__ = '1.2.0'\n",
  'libs/mylib/tests/__init__.py': '__version__ = "0.0.0"\n',
};

const FASTPY = { name: 'fastpy', root: 'py/fastpy', distribution: 'fastpy', pyproject: 'py/fastpy/pyproject.toml', cargoManifest: 'py/fastpy/Cargo.toml' };
const CARGO_WORKSPACE_FILES = {
  'Cargo.toml': '[workspace]\nmembers = ["py/fastpy"]\n\n[workspace.package]\nversion = "0.4.0-beta.2"\n',
  'Cargo.lock': 'version = 4\n\n[[package]]\nname = "fastpy"\nversion = "0.4.0-beta.2"\n\n[[package]]\nname = "other"\nversion = "0.4.0-beta.2"\n',
  'py/fastpy/pyproject.toml': '[project]\nname = "fastpy"\ndynamic = ["version"]\n',
  'py/fastpy/Cargo.toml': '[package]\nname = "fastpy"\nversion.workspace = true\n',
};

function plan(texts: Record<string, string>, build: (writes: PendingWrites, files: WorkspaceFiles) => void): Map<string, string> {
  const files = memoryFiles(texts);
  const writes = new PendingWrites(files);
  build(writes, files);
  return writes.changed();
}

describe('readVersionSources', () => {
  it('finds [project].version and the __version__ files of src-layout packages, not tests', () => {
    const sources = readVersionSources(MYLIB, memoryFiles(MYLIB_FILES));
    expect(sources.map((s) => [s.source.file, s.written])).toEqual([
      ['libs/mylib/pyproject.toml', '1.2.0'],
      ['libs/mylib/src/mylib/__init__.py', '1.2.0'],
      ['libs/mylib/src/mylib/_version.py', '1.2.0'],
    ]);
    expect(currentVersion(MYLIB, sources)).toBe('1.2.0');
  });

  it('resolves version.workspace = true to the Cargo workspace and its lock entry, as PEP 440', () => {
    const sources = readVersionSources(FASTPY, memoryFiles(CARGO_WORKSPACE_FILES));
    expect(sources.map((s) => [s.source.kind, s.source.file, s.version])).toEqual([
      ['cargo-workspace', 'Cargo.toml', '0.4.0b2'],
      ['cargo-lock', 'Cargo.lock', '0.4.0b2'],
    ]);
  });

  it('reports disagreeing sources with each file and value, but not a stale Cargo.lock', () => {
    const drift = { ...MYLIB_FILES, 'libs/mylib/src/mylib/_version.py': '__version__ = "1.1.0"\n' };
    const sources = readVersionSources(MYLIB, memoryFiles(drift));
    expect(() => currentVersion(MYLIB, sources)).toThrow(/disagree[\s\S]*libs\/mylib\/pyproject.toml: 1.2.0[\s\S]*_version.py: 1.1.0/);
    const staleLock = { ...CARGO_WORKSPACE_FILES, 'Cargo.lock': CARGO_WORKSPACE_FILES['Cargo.lock'].replace('0.4.0-beta.2', '0.3.0') };
    expect(currentVersion(FASTPY, readVersionSources(FASTPY, memoryFiles(staleLock)))).toBe('0.4.0b2');
  });

  it('names the file of an invalid version', () => {
    const invalid = { ...MYLIB_FILES, 'libs/mylib/pyproject.toml': '[project]\nname = "mylib"\nversion = "1.2-final"\n' };
    expect(() => readVersionSources(MYLIB, memoryFiles(invalid))).toThrow('libs/mylib/pyproject.toml: Invalid PEP 440 version "1.2-final"');
  });

  it('throws for a project with no version, where declaredVersion answers null', () => {
    const dynamic = { 'libs/mylib/pyproject.toml': '[project]\nname = "mylib"\ndynamic = ["version"]\n' };
    expect(() => readVersionSources(MYLIB, memoryFiles(dynamic))).toThrow(PyrelError);
    expect(declaredVersion(MYLIB, memoryFiles(dynamic))).toBeNull();
    expect(declaredVersion(MYLIB, memoryFiles(MYLIB_FILES))).toBe('1.2.0');
  });
});

describe('planVersionWrites', () => {
  it('writes every source in its own quoting and keeps the rest of each file', () => {
    const changed = plan(MYLIB_FILES, (writes, files) => planVersionWrites(readVersionSources(MYLIB, files), '1.3.0rc1', writes));
    expect(Object.fromEntries(changed)).toEqual({
      'libs/mylib/pyproject.toml': '[project]\nname = "mylib"\nversion = "1.3.0rc1"  # keep\n',
      'libs/mylib/src/mylib/__init__.py': '"""mylib."""\n\n__version__ = "1.3.0rc1"\n',
      'libs/mylib/src/mylib/_version.py': "__version__ = '1.3.0rc1'\n",
    });
  });

  it('writes Cargo sources as SemVer and only the crate\'s own lock entry', () => {
    const changed = plan(CARGO_WORKSPACE_FILES, (writes, files) => planVersionWrites(readVersionSources(FASTPY, files), '0.5.0a1', writes));
    expect(changed.get('Cargo.toml')).toContain('version = "0.5.0-alpha.1"');
    expect(changed.get('Cargo.lock')).toBe('version = 4\n\n[[package]]\nname = "fastpy"\nversion = "0.5.0-alpha.1"\n\n[[package]]\nname = "other"\nversion = "0.4.0-beta.2"\n');
    expect(changed.has('py/fastpy/Cargo.toml')).toBe(false);
  });
});

describe('planDependentWrites', () => {
  const APP = { pyproject: 'libs/app/pyproject.toml', cargoManifest: 'libs/app/Cargo.toml' };

  it('raises pins in dependencies, extras and dependency groups, each in its own style and precision, and Cargo pins', () => {
    const texts = {
      'libs/app/pyproject.toml': [
        '[project]', 'name = "app"', 'dependencies = ["MyLib>=1.2", "requests>=2"]', '',
        '[project.optional-dependencies]', 'fast = ["mylib[fast]~=1.2.0"]', '',
        '[dependency-groups]', 'dev = ["mylib==1.2.0"]  # tests', '',
        '[tool.other]', 'pins = ["mylib>=1.0"]', '',
      ].join('\n'),
      'libs/app/Cargo.toml': '[dependencies]\nmycrate = "1.2"\nrenamed = { package = "mycrate", version = "=1.2.0" }\n',
    };
    const changed = plan(texts, (writes) => planDependentWrites(APP, { distribution: 'mylib', crate: 'mycrate' }, '1.3.0', writes));
    expect(changed.get('libs/app/pyproject.toml')).toBe(texts['libs/app/pyproject.toml']
      .replace('"MyLib>=1.2"', '"MyLib>=1.3"')
      .replace('~=1.2.0', '~=1.3.0')
      .replace('"mylib==1.2.0"', '"mylib==1.3.0"'));
    expect(changed.get('libs/app/Cargo.toml')).toBe('[dependencies]\nmycrate = "1.3"\nrenamed = { package = "mycrate", version = "=1.3.0" }\n');
  });

  it('refuses a pin whose upper bound excludes the new version, naming the dependent', () => {
    const texts = { 'libs/app/pyproject.toml': '[project]\nname = "app"\ndependencies = ["mylib>=1.2,<2"]\n' };
    expect(() => plan(texts, (writes) => planDependentWrites(APP, { distribution: 'mylib' }, '2.0.0', writes))).toThrow('libs/app/pyproject.toml');
  });
});

describe('uvLockDirectories', () => {
  it('finds the nearest uv.lock at or above each changed pyproject.toml', () => {
    const files = memoryFiles({ 'uv.lock': '', 'tools/uv.lock': '', 'tools/cli/pyproject.toml': '', 'libs/a/pyproject.toml': '' });
    expect(uvLockDirectories(['libs/a/pyproject.toml', 'tools/cli/pyproject.toml', 'libs/a/src/a/__init__.py'], files)).toEqual(['.', 'tools']);
    expect(uvLockDirectories(['libs/a/pyproject.toml'], memoryFiles({}))).toEqual([]);
  });
});
