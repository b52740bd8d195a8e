import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCargoManifest } from '../core/cargo-manifest';
import { readPyproject } from '../core/pyproject';
import { ManifestStore, manifestStore } from './manifest-store';
import { useTempWorkspace } from '../testing/temp-workspace';

const LIB_PYPROJECT = '[project]\nname = "Lib_A"\nversion = "1.0.0"\ndependencies = ["lib-b"]\n';
const EXT_PYPROJECT = '[build-system]\nbuild-backend = "maturin"\n\n[project]\nname = "ext"\ndynamic = ["version"]\n';
const EXT_CARGO = '[package]\nname = "ext"\nversion = "0.1.0"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n';

const workspace = useTempWorkspace('pyrel-manifest-store-');
const cacheFile = () => join(workspace.root, '.nx', 'workspace-data', 'pyrel-nx-manifests.json');


type CacheJson = { format: number; entries: Record<string, { hash: string; kind: string; manifest: unknown }> };

const readCache = (): CacheJson => JSON.parse(readFileSync(cacheFile(), 'utf8')) as CacheJson;

/** Sets the mtime of the cache file into the past, so any rewrite shows as a newer mtime. */
function ageCacheFile(): number {
  const past = new Date(Date.now() - 60_000);
  utimesSync(cacheFile(), past, past);
  return statSync(cacheFile()).mtimeMs;
}

describe('ManifestStore', () => {
  it('parses pyproject.toml and Cargo.toml files by file name', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'py/ext/pyproject.toml': EXT_PYPROJECT, 'py/ext/Cargo.toml': EXT_CARGO });

    const { manifests, errors } = new ManifestStore(cacheFile()).read(workspace.root, ['libs/a/pyproject.toml', 'py/ext/pyproject.toml', 'py/ext/Cargo.toml'], true);

    expect(errors).toEqual([]);
    expect(manifests.pyprojects).toEqual(
      new Map([
        ['libs/a/pyproject.toml', readPyproject(LIB_PYPROJECT, 'libs/a/pyproject.toml')],
        ['py/ext/pyproject.toml', readPyproject(EXT_PYPROJECT, 'py/ext/pyproject.toml')],
      ]),
    );
    expect(manifests.cargos).toEqual(new Map([['py/ext/Cargo.toml', readCargoManifest(EXT_CARGO, 'py/ext/Cargo.toml')]]));
  });

  it('saves parsed manifests with their content hash, in a directory it creates', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'py/ext/Cargo.toml': EXT_CARGO });
    const store = new ManifestStore(cacheFile());
    store.read(workspace.root, ['libs/a/pyproject.toml', 'py/ext/Cargo.toml'], true);

    store.save();

    const saved = readCache();
    expect(Object.keys(saved.entries).sort()).toEqual(['libs/a/pyproject.toml', 'py/ext/Cargo.toml']);
    expect(saved.entries['libs/a/pyproject.toml']).toMatchObject({ kind: 'pyproject', hash: expect.any(String) });
    expect(saved.entries['py/ext/Cargo.toml']).toMatchObject({ kind: 'cargo', hash: expect.any(String) });
  });

  it('reuses a cached entry from the cache file while the file content is unchanged, without parsing it again', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT });
    const first = new ManifestStore(cacheFile());
    first.read(workspace.root, ['libs/a/pyproject.toml'], true);
    first.save();
    // Replace the cached manifest with a marker a parse could never produce, keeping the hash.
    const saved = readCache();
    const marker = { project: { name: 'marker-from-cache' }, uvSources: {} };
    saved.entries['libs/a/pyproject.toml'].manifest = marker;
    writeFileSync(cacheFile(), JSON.stringify(saved));

    const { manifests } = new ManifestStore(cacheFile()).read(workspace.root, ['libs/a/pyproject.toml'], true);

    expect(manifests.pyprojects.get('libs/a/pyproject.toml')).toEqual(marker);
  });

  it('parses a file again when its content changed since it was cached', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT });
    const first = new ManifestStore(cacheFile());
    first.read(workspace.root, ['libs/a/pyproject.toml'], true);
    first.save();
    const changed = '[project]\nname = "lib-a"\nversion = "2.0.0"\n';
    workspace.write({ 'libs/a/pyproject.toml': changed });

    const second = new ManifestStore(cacheFile());
    const { manifests } = second.read(workspace.root, ['libs/a/pyproject.toml'], true);
    second.save();

    expect(manifests.pyprojects.get('libs/a/pyproject.toml')).toEqual(readPyproject(changed, 'libs/a/pyproject.toml'));
    expect(readCache().entries['libs/a/pyproject.toml'].manifest).toMatchObject({ project: { version: '2.0.0' } });
  });

  it('parses a changed file again within the same store instance', () => {
    workspace.write({ 'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n' });
    const store = new ManifestStore(cacheFile());
    store.read(workspace.root, ['crates/core/Cargo.toml'], true);
    workspace.write({ 'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.2.0"\n' });

    const { manifests } = store.read(workspace.root, ['crates/core/Cargo.toml'], true);

    expect(manifests.cargos.get('crates/core/Cargo.toml')?.package).toEqual({ name: 'core', version: '0.2.0' });
  });

  it('reports a malformed file with file, line and column and still returns the others', () => {
    workspace.write({
      'libs/a/pyproject.toml': LIB_PYPROJECT,
      'libs/broken/pyproject.toml': '[project]\nname = "broken"\nversion = \n',
      'crates/broken/Cargo.toml': '[package\nname = "x"\n',
      'py/ext/Cargo.toml': EXT_CARGO,
    });

    const { manifests, errors } = new ManifestStore(cacheFile()).read(
      workspace.root,
      ['libs/a/pyproject.toml', 'libs/broken/pyproject.toml', 'crates/broken/Cargo.toml', 'py/ext/Cargo.toml'],
      true,
    );

    expect(errors.map(([file]) => file)).toEqual(['libs/broken/pyproject.toml', 'crates/broken/Cargo.toml']);
    expect(errors[0][1].message).toMatch(/^libs\/broken\/pyproject\.toml:3:\d+: /);
    expect(errors[1][1].message).toMatch(/^crates\/broken\/Cargo\.toml:1:\d+: /);
    expect([...manifests.pyprojects.keys()]).toEqual(['libs/a/pyproject.toml']);
    expect([...manifests.cargos.keys()]).toEqual(['py/ext/Cargo.toml']);
  });

  it('reports a listed file that does not exist as an error for that file', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT });

    const { manifests, errors } = new ManifestStore(cacheFile()).read(workspace.root, ['libs/gone/pyproject.toml', 'libs/a/pyproject.toml'], true);

    expect(errors).toHaveLength(1);
    expect(errors[0][0]).toBe('libs/gone/pyproject.toml');
    expect(errors[0][1]).toBeInstanceOf(Error);
    expect([...manifests.pyprojects.keys()]).toEqual(['libs/a/pyproject.toml']);
  });

  it('with prune, forgets cached files that are no longer listed', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'libs/b/pyproject.toml': '[project]\nname = "lib-b"\n' });
    const store = new ManifestStore(cacheFile());
    store.read(workspace.root, ['libs/a/pyproject.toml', 'libs/b/pyproject.toml'], true);
    store.save();

    store.read(workspace.root, ['libs/a/pyproject.toml'], true);
    store.save();

    expect(Object.keys(readCache().entries)).toEqual(['libs/a/pyproject.toml']);
  });

  it('without prune, keeps cached files that are not listed', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'libs/b/pyproject.toml': '[project]\nname = "lib-b"\n' });
    const store = new ManifestStore(cacheFile());
    store.read(workspace.root, ['libs/a/pyproject.toml', 'libs/b/pyproject.toml'], true);
    store.save();

    const { manifests } = store.read(workspace.root, ['libs/a/pyproject.toml'], false);
    store.save();

    expect([...manifests.pyprojects.keys()]).toEqual(['libs/a/pyproject.toml']);
    expect(Object.keys(readCache().entries).sort()).toEqual(['libs/a/pyproject.toml', 'libs/b/pyproject.toml']);
  });

  it('writes no cache file when nothing was read', () => {
    new ManifestStore(cacheFile()).save();

    expect(existsSync(cacheFile())).toBe(false);
    expect(existsSync(dirname(cacheFile()))).toBe(false);
  });

  it('does not rewrite the cache file when every file was served from it', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'py/ext/Cargo.toml': EXT_CARGO });
    const files = ['libs/a/pyproject.toml', 'py/ext/Cargo.toml'];
    const first = new ManifestStore(cacheFile());
    first.read(workspace.root, files, true);
    first.save();
    const agedMtime = ageCacheFile();

    const second = new ManifestStore(cacheFile());
    second.read(workspace.root, files, true);
    second.save();
    // The same instance, read again, has nothing new either.
    first.read(workspace.root, files, true);
    first.save();

    expect(statSync(cacheFile()).mtimeMs).toBe(agedMtime);
  });

  it('rewrites the cache file when pruning removed an entry', () => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT, 'py/ext/Cargo.toml': EXT_CARGO });
    const first = new ManifestStore(cacheFile());
    first.read(workspace.root, ['libs/a/pyproject.toml', 'py/ext/Cargo.toml'], true);
    first.save();
    const agedMtime = ageCacheFile();

    const second = new ManifestStore(cacheFile());
    second.read(workspace.root, ['libs/a/pyproject.toml'], true);
    second.save();

    expect(statSync(cacheFile()).mtimeMs).toBeGreaterThan(agedMtime);
  });

  it.each([
    ['another format', (json: CacheJson) => JSON.stringify({ ...json, format: json.format + 1 })],
    ['no format', (json: CacheJson) => JSON.stringify({ entries: json.entries })],
    ['invalid JSON', (json: CacheJson) => JSON.stringify(json).slice(0, -10)],
    ['no entries', (json: CacheJson) => JSON.stringify({ format: json.format })],
  ])('ignores a cache file with %s and parses every file again', (_what, corrupt) => {
    workspace.write({ 'libs/a/pyproject.toml': LIB_PYPROJECT });
    const first = new ManifestStore(cacheFile());
    first.read(workspace.root, ['libs/a/pyproject.toml'], true);
    first.save();
    const saved = readCache();
    saved.entries['libs/a/pyproject.toml'].manifest = { project: { name: 'marker-from-cache' }, uvSources: {} };
    writeFileSync(cacheFile(), corrupt(saved));

    const second = new ManifestStore(cacheFile());
    const { manifests } = second.read(workspace.root, ['libs/a/pyproject.toml'], true);
    second.save();

    expect(manifests.pyprojects.get('libs/a/pyproject.toml')).toEqual(readPyproject(LIB_PYPROJECT, 'libs/a/pyproject.toml'));
    // The rebuilt cache replaces the ignored one.
    expect(readCache().entries['libs/a/pyproject.toml'].manifest).toMatchObject({ project: { name: 'Lib_A' } });
  });
});

describe('manifestStore', () => {
  it('returns one store per cache file', () => {
    const other = join(workspace.root, 'other.json');

    expect(manifestStore(cacheFile())).toBe(manifestStore(cacheFile()));
    expect(manifestStore(other)).not.toBe(manifestStore(cacheFile()));
  });
});
