import { readCargoManifest, type CargoManifest } from './cargo-manifest';
import { PyrelError } from './errors';

const FILE = 'crates/core/Cargo.toml';

function parseError(text: string, file: string): PyrelError {
  try {
    readCargoManifest(text, file);
  } catch (error) {
    if (error instanceof PyrelError) return error;
    throw error;
  }
  throw new Error('readCargoManifest did not throw');
}

describe('readCargoManifest', () => {
  it('reads the package name and a literal version of a crate without local dependencies', () => {
    const text = `
[package]
name = "core"
version = "0.3.1"
edition = "2021"

[dependencies]
serde = "1"
`;
    expect(readCargoManifest(text, FILE)).toEqual<CargoManifest>({
      package: { name: 'core', version: '0.3.1' },
      localDependencies: [],
      workspace: undefined,
    });
  });

  it.each([
    ['version.workspace = true', '[package]\nname = "core"\nversion.workspace = true\n', { workspace: true }],
    ['version = { workspace = true }', '[package]\nname = "core"\nversion = { workspace = true }\n', { workspace: true }],
    ['no version', '[package]\nname = "core"\n', undefined],
    ['version = { workspace = false }', '[package]\nname = "core"\nversion = { workspace = false }\n', undefined],
    ['a non-string version', '[package]\nname = "core"\nversion = 1\n', undefined],
  ])('reads the package version from %s', (_what, text, version) => {
    expect(readCargoManifest(text, FILE).package).toEqual({ name: 'core', version });
  });

  it.each([
    ['has no name', '[package]\nversion = "1.0.0"\n'],
    ['has a non-string name', '[package]\nname = 3\n'],
    ['is not a table', 'package = "core"\n'],
  ])('has no package when [package] %s', (_what, text) => {
    expect(readCargoManifest(text, FILE).package).toBeUndefined();
  });

  it('reads a virtual manifest: a workspace without [package]', () => {
    const text = `
[workspace]
resolver = "2"
members = ["crates/*", "py/fast"]
exclude = ["crates/legacy"]

[workspace.package]
version = "0.1.0"

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
tokio = "1"
dep = { path = "crates/dep" }
renamed = { package = "real-name", path = "crates/real" }
from-git = { git = "https://example.com/x.git" }
`;
    expect(readCargoManifest(text, 'Cargo.toml')).toEqual<CargoManifest>({
      package: undefined,
      localDependencies: [],
      workspace: {
        members: ['crates/*', 'py/fast'],
        exclude: ['crates/legacy'],
        pathDependencies: { dep: 'crates/dep', renamed: 'crates/real' },
      },
    });
  });

  it('reads an empty [workspace] as no members, no excludes and no path dependencies', () => {
    expect(readCargoManifest('[workspace]\n', 'Cargo.toml').workspace).toEqual({ members: [], exclude: [], pathDependencies: {} });
  });

  it('reads a root package that is also a workspace', () => {
    const text = `
[package]
name = "app"
version = "1.0.0"

[workspace]
members = ["crates/*"]

[workspace.dependencies]
util = { path = "crates/util" }

[dependencies]
util = { workspace = true }
`;
    expect(readCargoManifest(text, 'Cargo.toml')).toEqual<CargoManifest>({
      package: { name: 'app', version: '1.0.0' },
      localDependencies: [{ name: 'util', kind: 'workspace' }],
      workspace: { members: ['crates/*'], exclude: [], pathDependencies: { util: 'crates/util' } },
    });
  });

  it('collects path dependencies from dependencies, dev-dependencies, build-dependencies and target tables', () => {
    const text = `
[package]
name = "core"
version = "0.1.0"

[dependencies]
runtime = { path = "../runtime" }
serde = "1"

[dev-dependencies]
fixtures = { path = "../fixtures", version = "0.1" }

[build-dependencies]
codegen = { path = "../../tools/codegen" }

[target.'cfg(unix)'.dependencies]
unix-io = { path = "../unix-io" }

[target.'cfg(windows)'.dev-dependencies]
win-fixtures = { path = "../win-fixtures" }

[target.x86_64-unknown-linux-gnu.build-dependencies]
linux-probe = { path = "../linux-probe" }
`;
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([
      { name: 'runtime', kind: 'path', path: '../runtime' },
      { name: 'fixtures', kind: 'path', path: '../fixtures' },
      { name: 'codegen', kind: 'path', path: '../../tools/codegen' },
      { name: 'unix-io', kind: 'path', path: '../unix-io' },
      { name: 'win-fixtures', kind: 'path', path: '../win-fixtures' },
      { name: 'linux-probe', kind: 'path', path: '../linux-probe' },
    ]);
  });

  it('reads a dependency written as its own [dependencies.name] table', () => {
    const text = '[package]\nname = "core"\n\n[dependencies.runtime]\npath = "../runtime"\nfeatures = ["fast"]\n';
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([{ name: 'runtime', kind: 'path', path: '../runtime' }]);
  });

  it('names a renamed path dependency after the real package, not the alias', () => {
    const text = '[package]\nname = "core"\n\n[dependencies]\nalias = { package = "real", path = "../x" }\n';
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([{ name: 'real', kind: 'path', path: '../x' }]);
  });

  it('keeps the alias of a workspace dependency, the key it is declared under in [workspace.dependencies]', () => {
    const text = `
[package]
name = "core"

[dependencies]
util = { workspace = true }
my-alias = { workspace = true, features = ["x"] }

[dev-dependencies]
test-util = { workspace = true }
`;
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([
      { name: 'util', kind: 'workspace' },
      { name: 'my-alias', kind: 'workspace' },
      { name: 'test-util', kind: 'workspace' },
    ]);
  });

  it('ignores registry, git and non-table dependencies', () => {
    const text = `
[package]
name = "core"

[dependencies]
serde = "1"
tokio = { version = "1", features = ["full"] }
from-git = { git = "https://example.com/x.git", branch = "main" }
from-registry = { version = "1", registry = "internal" }
not-workspace = { workspace = false }
odd = 3
`;
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([]);
  });

  it('ignores a [target] entry or dependency table that is not a table', () => {
    const text = `
dependencies = ["not", "a", "table"]

[package]
name = "core"

[target]
"cfg(unix)" = "nonsense"
`;
    expect(readCargoManifest(text, FILE).localDependencies).toEqual([]);
  });

  it.each([
    ['an unclosed table header', '[package\nname = "core"\n', 1],
    ['a missing value', '[package]\nname = "core"\nversion = \n', 3],
    ['a duplicate key', '[package]\nname = "a"\nname = "b"\n', 3],
  ])('throws a PyrelError naming file, line and column for %s', (_what, text, line) => {
    const error = parseError(text, FILE);
    expect(error.title).toMatch(new RegExp(`^crates/core/Cargo\\.toml:${line}:\\d+: `));
  });
});
