import { PyrelError } from './errors';
import { readPyproject, type PyprojectManifest } from './pyproject';

const FILE = 'libs/a/pyproject.toml';

/** The manifest of a file that declares nothing the graph reads. */
const NOTHING: PyprojectManifest = {
  project: undefined,
  buildBackend: undefined,
  maturinManifestPath: undefined,
  uvSources: {},
  pytest: false,
};

describe('readPyproject', () => {
  it('reads name, version, build backend and requirement names', () => {
    const text = `
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "My_Lib"
version = "1.2.3"
dependencies = ["requests>=2", "Other.Lib[cli]; python_version>'3.9'"]
`;
    expect(readPyproject(text, FILE)).toEqual({
      ...NOTHING,
      project: {
        name: 'My_Lib',
        normalizedName: 'my-lib',
        version: '1.2.3',
        dynamicVersion: false,
        requirementNames: ['requests', 'other-lib'],
      },
      buildBackend: 'hatchling.build',
    });
  });

  it.each([
    ['an empty file', ''],
    ['a tool-only config', '[tool.ruff]\nline-length = 100\n'],
    ['a non-table project key', 'project = "a"\n'],
  ])('returns a manifest without project for %s', (_what, text) => {
    expect(readPyproject(text, FILE)).toEqual(NOTHING);
  });

  it.each([
    ['[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', true],
    ['[tool.pytest]\nminversion = "9.0"\n', true],
    ['[tool.coverage.run]\nsource = ["a"]\n', false],
    ['', false],
  ])('knows whether pytest is configured: %j', (table, pytest) => {
    expect(readPyproject(`[project]\nname = "a"\n${table}`, FILE).pytest).toBe(pytest);
  });

  it('reads a virtual uv workspace root as a manifest without a project', () => {
    const text = '[tool.uv.workspace]\nmembers = ["libs/*", "apps/web"]\nexclude = ["libs/legacy"]\n';
    expect(readPyproject(text, 'pyproject.toml')).toEqual(NOTHING);
  });

  it.each([
    ['no name', '[project]\nversion = "1.0"\n'],
    ['an empty name', '[project]\nname = "  "\n'],
    ['a non-string name', '[project]\nname = 3\n'],
  ])('throws a PyrelError naming the file for a [project] with %s', (_what, text) => {
    expect(() => readPyproject(text, FILE)).toThrow(PyrelError);
    expect(() => readPyproject(text, FILE)).toThrow(`${FILE}: [project] has no name.`);
  });

  it('throws a PyrelError with file:line:column for malformed TOML', () => {
    expect(() => readPyproject('[project\nname = "a"\n', FILE)).toThrow(PyrelError);
    expect(() => readPyproject('[project\nname = "a"\n', FILE)).toThrow(new RegExp(`^${FILE}:1:\\d+: `));
  });

  it('collects requirement names from dependencies, optional-dependencies and dependency-groups', () => {
    const text = `
[project]
name = "a"
dependencies = ["dep-main"]

[project.optional-dependencies]
cli = ["Dep_Extra1>=1"]
docs = ["dep.extra2"]

[dependency-groups]
test = ["dep-group1", { include-group = "lint" }]
lint = ["DEP-GROUP2 ; python_version>'3'"]
`;
    expect(readPyproject(text, FILE).project?.requirementNames).toEqual(['dep-main', 'dep-extra1', 'dep-extra2', 'dep-group1', 'dep-group2']);
  });

  it('lists a requirement named in several places, spelled differently, once', () => {
    const text = `
[project]
name = "a"
dependencies = ["My_Dep>=1", "my-dep<3"]
optional-dependencies = { x = ["my.dep[extra]"] }

[dependency-groups]
dev = ["MY-DEP"]
`;
    expect(readPyproject(text, FILE).project?.requirementNames).toEqual(['my-dep']);
  });

  it('skips requirements that do not start with a name and non-string entries', () => {
    const text = '[project]\nname = "a"\ndependencies = ["./local", 3, "ok"]\n';
    expect(readPyproject(text, FILE).project?.requirementNames).toEqual(['ok']);
  });

  it('leaves version and build backend absent and flags a dynamic version', () => {
    expect(readPyproject('[project]\nname = "a"\ndynamic = ["version"]\n', FILE)).toEqual({
      ...NOTHING,
      project: { name: 'a', normalizedName: 'a', version: undefined, dynamicVersion: true, requirementNames: [] },
    });
  });

  it('does not flag a dynamic version when other fields are dynamic', () => {
    const manifest = readPyproject('[project]\nname = "a"\nversion = "1.0"\ndynamic = ["readme"]\n', FILE);
    expect(manifest.project).toMatchObject({ version: '1.0', dynamicVersion: false });
  });

  it('reads the maturin build backend and [tool.maturin] manifest-path', () => {
    const text = `
[build-system]
requires = ["maturin>=1,<2"]
build-backend = "maturin"

[project]
name = "rusty"
dynamic = ["version"]

[tool.maturin]
manifest-path = "rust/Cargo.toml"
module-name = "rusty._native"
`;
    expect(readPyproject(text, FILE)).toEqual({
      ...NOTHING,
      project: { name: 'rusty', normalizedName: 'rusty', version: undefined, dynamicVersion: true, requirementNames: [] },
      buildBackend: 'maturin',
      maturinManifestPath: 'rust/Cargo.toml',
    });
  });

  it('keeps workspace and path sources keyed by normalised name and drops every other kind', () => {
    const text = `
[project]
name = "a"

[tool.uv.sources]
My_Sibling = { workspace = true }
"Other.Lib" = { path = "../other", editable = true }
from-git = { git = "https://example.com/x.git" }
from-url = { url = "https://example.com/x.whl" }
from-index = { index = "internal" }
not-workspace = { workspace = false }
per-marker = [
  { index = "cpu", marker = "sys_platform == 'darwin'" },
  { path = "../per-marker", marker = "sys_platform == 'linux'" },
]
`;
    expect(readPyproject(text, FILE).uvSources).toEqual({
      'my-sibling': { kind: 'workspace' },
      'other-lib': { kind: 'path', path: '../other' },
      'per-marker': { kind: 'path', path: '../per-marker' },
    });
  });

  it('reads [tool.uv.sources] in a file without [project]', () => {
    const text = '[tool.uv.sources]\nlib = { path = "libs/lib" }\n';
    expect(readPyproject(text, 'pyproject.toml')).toEqual({ ...NOTHING, uvSources: { lib: { kind: 'path', path: 'libs/lib' } } });
  });

  it.each([
    ['build-backend is not a string', '[build-system]\nbuild-backend = 1\n'],
    ['[build-system] is not a table', 'build-system = "maturin"\n'],
    ['manifest-path is not a string', '[tool.maturin]\nmanifest-path = ["Cargo.toml"]\n'],
    ['[tool.uv.sources] is not a table', '[tool.uv]\nsources = "x"\n'],
    ['[tool.uv.workspace] is not a table', '[tool.uv]\nworkspace = ["libs/*"]\n'],
    ['[tool] is not a table', 'tool = 1\n'],
  ])('ignores a malformed value where %s', (_what, text) => {
    expect(readPyproject(text, FILE)).toEqual(NOTHING);
  });
});
