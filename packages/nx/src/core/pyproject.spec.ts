import { PyrelError } from './errors';
import { readPythonManifest } from './pyproject';

const FILE = 'libs/a/pyproject.toml';

describe('readPythonManifest', () => {
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
    expect(readPythonManifest(text, FILE)).toEqual({
      name: 'My_Lib',
      normalizedName: 'my-lib',
      version: '1.2.3',
      buildBackend: 'hatchling.build',
      requirementNames: ['requests', 'other-lib'],
    });
  });

  it.each([
    ['an empty file', ''],
    ['a virtual uv workspace root', '[tool.uv.workspace]\nmembers = ["libs/*"]\n'],
    ['a tool-only config', '[tool.ruff]\nline-length = 100\n'],
    ['a non-table project key', 'project = "a"\n'],
  ])('returns null for %s', (_what, text) => {
    expect(readPythonManifest(text, FILE)).toBeNull();
  });

  it.each([
    ['no name', '[project]\nversion = "1.0"\n'],
    ['an empty name', '[project]\nname = "  "\n'],
    ['a non-string name', '[project]\nname = 3\n'],
  ])('throws a PyrelError naming the file for a [project] with %s', (_what, text) => {
    expect(() => readPythonManifest(text, FILE)).toThrow(PyrelError);
    expect(() => readPythonManifest(text, FILE)).toThrow(`${FILE}: [project] has no name.`);
  });

  it('throws the parser error with file:line:column for malformed TOML', () => {
    expect(() => readPythonManifest('[project\nname = "a"\n', FILE)).toThrow(new RegExp(`^${FILE}:1:\\d+: `));
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
    expect(readPythonManifest(text, FILE)?.requirementNames).toEqual(['dep-main', 'dep-extra1', 'dep-extra2', 'dep-group1', 'dep-group2']);
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
    expect(readPythonManifest(text, FILE)?.requirementNames).toEqual(['my-dep']);
  });

  it('skips requirements that do not start with a name and non-string entries', () => {
    const text = '[project]\nname = "a"\ndependencies = ["./local", 3, "ok"]\n';
    expect(readPythonManifest(text, FILE)?.requirementNames).toEqual(['ok']);
  });

  it('leaves version and build backend absent when the version is dynamic and there is no [build-system]', () => {
    const manifest = readPythonManifest('[project]\nname = "a"\ndynamic = ["version"]\n', FILE);
    expect(manifest).toEqual({ name: 'a', normalizedName: 'a', version: undefined, buildBackend: undefined, requirementNames: [] });
  });

  it('reads the maturin build backend', () => {
    const text = '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "rusty"\n';
    expect(readPythonManifest(text, FILE)?.buildBackend).toBe('maturin');
  });
});
