import { posix } from 'node:path';
import { readCargoManifest, type CargoManifest } from './cargo-manifest';
import { readPyproject, type PyprojectManifest } from './pyproject';
import { buildWorkspaceModel, type ManifestSet, type ModelEdge, type PythonProjectModel, type WorkspaceModel } from './workspace-model';

/** Parses inline manifests, keyed by workspace-relative path, into the set the model is built from. */
function set(files: Record<string, string>): ManifestSet {
  const pyprojects = new Map<string, PyprojectManifest>();
  const cargos = new Map<string, CargoManifest>();
  for (const [file, text] of Object.entries(files)) {
    if (posix.basename(file) === 'Cargo.toml') cargos.set(file, readCargoManifest(text, file));
    else pyprojects.set(file, readPyproject(text, file));
  }
  return { pyprojects, cargos };
}

const byEdge = (a: ModelEdge, b: ModelEdge) => `${a.source}\0${a.target}\0${a.sourceFile}`.localeCompare(`${b.source}\0${b.target}\0${b.sourceFile}`);

/** The model of `files`, edges in a fixed order (their order carries no meaning). */
function model(files: Record<string, string>): WorkspaceModel {
  const built = buildWorkspaceModel(set(files));
  return { ...built, edges: [...built.edges].sort(byEdge) };
}

const edge = (source: string, target: string, sourceFile: string): ModelEdge => ({ source, target, sourceFile });

/** A pure-Python project as the model describes it. */
function purePython(root: string, distribution: string): PythonProjectModel {
  return { root, pyproject: root === '.' ? 'pyproject.toml' : `${root}/pyproject.toml`, distribution, externalBuildInputs: [] };
}

const pyproject = (name: string, body = '') => `[project]\nname = "${name}"\nversion = "1.0.0"\n${body}`;

const maturinPyproject = (name: string, body = '') => `
[build-system]
requires = ["maturin>=1,<2"]
build-backend = "maturin"

[project]
name = "${name}"
dynamic = ["version"]
${body}`;

/** A crate; `dependencies` are lines of its [dependencies] table. */
const crate = (name: string, ...dependencies: string[]) => `
[package]
name = "${name}"
version = "0.1.0"
edition = "2021"

[dependencies]
${dependencies.join('\n')}
`;

describe('buildWorkspaceModel', () => {
  describe('Python projects', () => {
    it('makes every pyproject with [project] a project and links requirements by normalised name, ignoring extras and markers', () => {
      expect(
        model({
          'libs/a/pyproject.toml': pyproject('A_Lib'),
          'libs/b/pyproject.toml': pyproject('b', `dependencies = ["a-lib[extra]>=1; python_version>'3.9'", "numpy"]`),
          'libs/c/pyproject.toml': pyproject('c', '[project.optional-dependencies]\ncli = ["B>=0.1"]\n\n[dependency-groups]\ndev = ["A.Lib"]\n'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [purePython('libs/a', 'a-lib'), purePython('libs/b', 'b'), purePython('libs/c', 'c')],
        crates: [],
        edges: [
          edge('libs/b', 'libs/a', 'libs/b/pyproject.toml'),
          edge('libs/c', 'libs/a', 'libs/c/pyproject.toml'),
          edge('libs/c', 'libs/b', 'libs/c/pyproject.toml'),
        ],
      });
    });

    it('adds no edge from a project to itself', () => {
      const built = model({
        'libs/a/pyproject.toml': pyproject('a', '[project.optional-dependencies]\nall = ["a[cli,docs]"]\n\n[tool.uv.sources]\na = { path = "." }\n'),
      });
      expect(built.edges).toEqual([]);
    });

    it('ignores requirements that name no project of the workspace', () => {
      expect(model({ 'libs/a/pyproject.toml': pyproject('a', 'dependencies = ["requests>=2", "numpy"]') })).toEqual<WorkspaceModel>({
        python: [purePython('libs/a', 'a')],
        crates: [],
        edges: [],
      });
    });

    it('places a pyproject at the workspace root at root "."', () => {
      expect(
        model({
          'pyproject.toml': pyproject('app', 'dependencies = ["lib"]'),
          'libs/lib/pyproject.toml': pyproject('lib'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [purePython('libs/lib', 'lib'), purePython('.', 'app')],
        crates: [],
        edges: [edge('.', 'libs/lib', 'pyproject.toml')],
      });
    });

    it('does not make a virtual uv workspace root a project, and links members through workspace sources by name', () => {
      expect(
        model({
          'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n\n[tool.uv.sources]\nlib-a = { workspace = true }\n',
          'libs/lib-a/pyproject.toml': pyproject('lib-a'),
          'libs/lib-b/pyproject.toml': pyproject('lib-b', 'dependencies = ["lib-a"]\n\n[tool.uv.sources]\nlib-a = { workspace = true }\n'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [purePython('libs/lib-a', 'lib-a'), purePython('libs/lib-b', 'lib-b')],
        crates: [],
        edges: [edge('libs/lib-b', 'libs/lib-a', 'libs/lib-b/pyproject.toml')],
      });
    });

    it('links a [tool.uv.sources] path source to the project in that directory, whatever name the requirement uses', () => {
      expect(
        model({
          'apps/app/pyproject.toml': pyproject('app', 'dependencies = ["vendored-name"]\n\n[tool.uv.sources]\nvendored-name = { path = "../../libs/tool" }\n'),
          'libs/tool/pyproject.toml': pyproject('tool-impl'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [purePython('apps/app', 'app'), purePython('libs/tool', 'tool-impl')],
        crates: [],
        edges: [edge('apps/app', 'libs/tool', 'apps/app/pyproject.toml')],
      });
    });

    it('adds one edge when both the requirement name and a path source lead to the same project', () => {
      const built = model({
        'libs/a/pyproject.toml': pyproject('a'),
        'libs/b/pyproject.toml': pyproject('b', 'dependencies = ["a", "A>=1"]\n\n[dependency-groups]\ndev = ["a"]\n\n[tool.uv.sources]\na = { path = "../a/" }\n'),
      });
      expect(built.edges).toEqual([edge('libs/b', 'libs/a', 'libs/b/pyproject.toml')]);
    });

    it.each([
      ['a directory without a pyproject', 'vendor/x'],
      ['a directory whose pyproject has no [project]', 'tools'],
      ['a path outside the workspace', '../../../elsewhere/x'],
    ])('adds no edge for a path source to %s', (_what, path) => {
      const built = model({
        'libs/a/pyproject.toml': pyproject('a', `[tool.uv.sources]\nx = { path = "${path}" }\n`),
        'tools/pyproject.toml': '[tool.ruff]\nline-length = 100\n',
      });
      expect(built.edges).toEqual([]);
    });
  });

  describe('maturin projects', () => {
    it('detects a maturin project from the maturin backend and a Cargo.toml beside the pyproject', () => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast'),
          'py/fast/Cargo.toml': crate('fast', 'pyo3 = { version = "0.22", features = ["extension-module"] }'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [{ root: 'py/fast', pyproject: 'py/fast/pyproject.toml', distribution: 'fast', cargoManifest: 'py/fast/Cargo.toml', externalBuildInputs: [] }],
        crates: [],
        edges: [],
      });
    });

    it('finds the extension crate at [tool.maturin] manifest-path rather than beside the pyproject', () => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast', '\n[tool.maturin]\nmanifest-path = "rust/Cargo.toml"\n'),
          'py/fast/rust/Cargo.toml': crate('fast-native'),
          'py/fast/Cargo.toml': crate('unrelated'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [{ root: 'py/fast', pyproject: 'py/fast/pyproject.toml', distribution: 'fast', cargoManifest: 'py/fast/rust/Cargo.toml', externalBuildInputs: [] }],
        crates: [],
        edges: [],
      });
    });

    it.each([
      ['there is no Cargo.toml at all', {}],
      ['manifest-path names a missing file', { 'py/fast/pyproject.toml': maturinPyproject('fast', '\n[tool.maturin]\nmanifest-path = "rust/Cargo.toml"\n'), 'py/fast/Cargo.toml': crate('fast') }],
      ['manifest-path leaves the workspace', { 'py/fast/pyproject.toml': maturinPyproject('fast', '\n[tool.maturin]\nmanifest-path = "../../../x/Cargo.toml"\n') }],
      ['the Cargo.toml beside it is a virtual manifest', { 'py/fast/Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n' }],
    ])('makes a maturin-backend project a plain Python project when %s', (_what, files: Record<string, string>) => {
      expect(model({ 'py/fast/pyproject.toml': maturinPyproject('fast'), ...files })).toEqual<WorkspaceModel>({
        python: [purePython('py/fast', 'fast')],
        crates: [],
        edges: [],
      });
    });

    it('does not make a project with another backend and a Cargo.toml beside it a maturin project', () => {
      expect(
        model({
          'py/tool/pyproject.toml': `[build-system]\nbuild-backend = "hatchling.build"\n\n${pyproject('tool')}`,
          'py/tool/Cargo.toml': crate('tool', 'helper = { path = "../../crates/helper" }'),
          'crates/helper/Cargo.toml': crate('helper'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [purePython('py/tool', 'tool')],
        crates: [],
        edges: [],
      });
    });
  });

  describe('crate projects', () => {
    it('makes the crates a maturin crate reaches by path projects, transitively, and no unused crate', () => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast'),
          'py/fast/Cargo.toml': crate('fast', 'a = { path = "../../crates/a" }', 'serde = "1"'),
          'crates/a/Cargo.toml': crate('a', 'b = { path = "../b" }'),
          'crates/b/Cargo.toml': crate('b'),
          'crates/unused/Cargo.toml': crate('unused', 'b = { path = "../b" }'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [
          {
            root: 'py/fast',
            pyproject: 'py/fast/pyproject.toml',
            distribution: 'fast',
            cargoManifest: 'py/fast/Cargo.toml',
            externalBuildInputs: ['crates/a/**/*', 'crates/b/**/*'],
          },
        ],
        crates: [
          { root: 'crates/a', cargoManifest: 'crates/a/Cargo.toml', packageName: 'a', projectName: 'a' },
          { root: 'crates/b', cargoManifest: 'crates/b/Cargo.toml', packageName: 'b', projectName: 'b' },
        ],
        edges: [edge('crates/a', 'crates/b', 'crates/a/Cargo.toml'), edge('py/fast', 'crates/a', 'py/fast/Cargo.toml')],
      });
    });

    it('follows path dependencies in dev-, build- and target-specific tables and renamed dependencies', () => {
      const built = model({
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': `${crate('fast', 'alias = { package = "real", path = "../../crates/real" }')}
[build-dependencies]
gen = { path = "../../crates/gen" }

[dev-dependencies]
fixtures = { path = "../../crates/fixtures" }

[target.'cfg(unix)'.dependencies]
unix-io = { path = "../../crates/unix-io" }
`,
        'crates/real/Cargo.toml': crate('real'),
        'crates/gen/Cargo.toml': crate('gen'),
        'crates/fixtures/Cargo.toml': crate('fixtures'),
        'crates/unix-io/Cargo.toml': crate('unix-io'),
      });
      expect(built.crates.map((c) => c.root)).toEqual(['crates/fixtures', 'crates/gen', 'crates/real', 'crates/unix-io']);
      expect(built.edges).toEqual(['crates/fixtures', 'crates/gen', 'crates/real', 'crates/unix-io'].map((target) => edge('py/fast', target, 'py/fast/Cargo.toml')));
    });

    it.each([
      ['a directory without a Cargo.toml', 'x = { path = "../../crates/missing" }'],
      ['a virtual manifest', 'x = { path = "../../crates/virtual" }'],
      ['a path outside the workspace', 'x = { path = "../../../outside" }'],
      ['a workspace dependency while the crate is in no Cargo workspace', 'x = { workspace = true }'],
      ['itself', 'fast = { path = "." }'],
    ])('ignores a dependency on %s', (_what, dependency) => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast'),
          'py/fast/Cargo.toml': crate('fast', dependency),
          'crates/virtual/Cargo.toml': '[workspace]\nmembers = []\n',
        }),
      ).toEqual<WorkspaceModel>({
        python: [{ root: 'py/fast', pyproject: 'py/fast/pyproject.toml', distribution: 'fast', cargoManifest: 'py/fast/Cargo.toml', externalBuildInputs: [] }],
        crates: [],
        edges: [],
      });
    });

    it('links a maturin crate that depends on another maturin project\'s crate to that project, not to a crate project', () => {
      expect(
        model({
          'py/a/pyproject.toml': maturinPyproject('a'),
          'py/a/Cargo.toml': crate('a', 'b = { path = "../b" }'),
          'py/b/pyproject.toml': maturinPyproject('b'),
          'py/b/Cargo.toml': crate('b'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [
          { root: 'py/a', pyproject: 'py/a/pyproject.toml', distribution: 'a', cargoManifest: 'py/a/Cargo.toml', externalBuildInputs: ['py/b/**/*'] },
          { root: 'py/b', pyproject: 'py/b/pyproject.toml', distribution: 'b', cargoManifest: 'py/b/Cargo.toml', externalBuildInputs: [] },
        ],
        crates: [],
        edges: [edge('py/a', 'py/b', 'py/a/Cargo.toml')],
      });
    });

    it('makes every member of a root Cargo workspace containing a maturin crate a crate project and resolves workspace dependencies', () => {
      expect(
        model({
          'Cargo.toml': `
[workspace]
resolver = "2"
members = ["crates/*", "py/fast"]
exclude = ["crates/legacy"]

[workspace.dependencies]
dep = { path = "crates/dep" }
serde = "1"
`,
          'crates/dep/Cargo.toml': crate('dep'),
          'crates/other/Cargo.toml': crate('other', 'dep = { workspace = true }', 'serde = { workspace = true }'),
          'crates/legacy/Cargo.toml': crate('legacy'),
          'tools/outside/Cargo.toml': crate('outside'),
          'py/fast/pyproject.toml': maturinPyproject('fast'),
          'py/fast/Cargo.toml': crate('fast', 'dep = { workspace = true }'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [
          {
            root: 'py/fast',
            pyproject: 'py/fast/pyproject.toml',
            distribution: 'fast',
            cargoManifest: 'py/fast/Cargo.toml',
            externalBuildInputs: ['Cargo.lock', 'Cargo.toml', 'crates/dep/**/*'],
          },
        ],
        crates: [
          { root: 'crates/dep', cargoManifest: 'crates/dep/Cargo.toml', packageName: 'dep', projectName: 'dep' },
          { root: 'crates/other', cargoManifest: 'crates/other/Cargo.toml', packageName: 'other', projectName: 'other' },
        ],
        edges: [edge('crates/other', 'crates/dep', 'crates/other/Cargo.toml'), edge('py/fast', 'crates/dep', 'py/fast/Cargo.toml')],
      });
    });

    it('treats a path dependency under the Cargo workspace directory as a member, as Cargo does', () => {
      const built = model({
        'Cargo.toml': '[workspace]\nmembers = ["py/fast"]\n\n[workspace.dependencies]\nutil = { path = "crates/util" }\n',
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': crate('fast', 'core = { path = "../../crates/core" }'),
        'crates/core/Cargo.toml': crate('core', 'util = { workspace = true }'),
        'crates/util/Cargo.toml': crate('util'),
      });
      expect(built.edges).toEqual([
        edge('crates/core', 'crates/util', 'crates/core/Cargo.toml'),
        edge('py/fast', 'crates/core', 'py/fast/Cargo.toml'),
      ]);
      expect(built.python[0].externalBuildInputs).toEqual(['Cargo.lock', 'Cargo.toml', 'crates/core/**/*', 'crates/util/**/*']);
    });

    it('makes the members of a Cargo workspace of a crate the maturin crate depends on crate projects', () => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast'),
          'py/fast/Cargo.toml': crate('fast', 'a = { path = "../../rust/a" }'),
          'rust/Cargo.toml': '[workspace]\nmembers = ["*"]\n',
          'rust/a/Cargo.toml': crate('a'),
          'rust/b/Cargo.toml': crate('b'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [
          {
            root: 'py/fast',
            pyproject: 'py/fast/pyproject.toml',
            distribution: 'fast',
            cargoManifest: 'py/fast/Cargo.toml',
            // The lock of another workspace does not build this crate: only its manifest is an input.
            externalBuildInputs: ['rust/Cargo.toml', 'rust/a/**/*'],
          },
        ],
        crates: [
          { root: 'rust/a', cargoManifest: 'rust/a/Cargo.toml', packageName: 'a', projectName: 'a' },
          { root: 'rust/b', cargoManifest: 'rust/b/Cargo.toml', packageName: 'b', projectName: 'b' },
        ],
        edges: [edge('py/fast', 'rust/a', 'py/fast/Cargo.toml')],
      });
    });
  });

  describe('crate project names', () => {
    it('suffixes a crate named like a Python distribution with -crate, and a second such crate with its path', () => {
      const built = model({
        'libs/core/pyproject.toml': pyproject('Core'),
        'py/a/pyproject.toml': maturinPyproject('a'),
        'py/a/Cargo.toml': crate('a-ext', 'core = { path = "../../crates/core" }'),
        'py/b/pyproject.toml': maturinPyproject('b'),
        'py/b/Cargo.toml': crate('b-ext', 'core = { path = "../../vendor/core" }'),
        'crates/core/Cargo.toml': crate('core'),
        'vendor/core/Cargo.toml': crate('core'),
      });
      expect(built.crates).toEqual([
        { root: 'crates/core', cargoManifest: 'crates/core/Cargo.toml', packageName: 'core', projectName: 'core-crate' },
        { root: 'vendor/core', cargoManifest: 'vendor/core/Cargo.toml', packageName: 'core', projectName: 'core-crate-vendor-core' },
      ]);
    });

    it('suffixes the second of two crates with the same package name', () => {
      const built = model({
        'py/a/pyproject.toml': maturinPyproject('a'),
        'py/a/Cargo.toml': crate('a', 'util = { path = "../../crates/util" }'),
        'py/b/pyproject.toml': maturinPyproject('b'),
        'py/b/Cargo.toml': crate('b', 'util = { path = "../../third_party/util" }'),
        'crates/util/Cargo.toml': crate('util'),
        'third_party/util/Cargo.toml': crate('util'),
      });
      expect(built.crates.map((c) => [c.root, c.projectName])).toEqual([
        ['crates/util', 'util'],
        ['third_party/util', 'util-crate'],
      ]);
    });

    it('still finds a unique name when the package name, -crate and the path suffix are all taken', () => {
      const built = model({
        'libs/x/pyproject.toml': pyproject('x'),
        'py/m/pyproject.toml': maturinPyproject('m'),
        'py/m/Cargo.toml': crate('m', 'x1 = { path = "../../a-b" }', 'x2 = { path = "../../a/b" }', 'x3 = { path = "../../a_b" }'),
        'a-b/Cargo.toml': crate('x'),
        'a/b/Cargo.toml': crate('x'),
        'a_b/Cargo.toml': crate('x'),
      });
      expect(built.crates.map((c) => [c.root, c.projectName])).toEqual([
        ['a-b', 'x-crate'],
        ['a/b', 'x-crate-a-b'],
        ['a_b', 'x-crate-a-b-2'],
      ]);
    });

    it('keeps a crate name that only a maturin project\'s own crate shares', () => {
      const built = model({
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': crate('fast', 'helper = { path = "../../crates/helper" }'),
        'crates/helper/Cargo.toml': crate('helper'),
      });
      expect(built.crates.map((c) => c.projectName)).toEqual(['helper']);
    });
  });

  describe('external build inputs', () => {
    it('lists nothing for pure-Python projects, even ones that depend on a maturin project', () => {
      const built = model({
        'libs/app/pyproject.toml': pyproject('app', 'dependencies = ["fast"]'),
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': crate('fast', 'a = { path = "../../crates/a" }'),
        'crates/a/Cargo.toml': crate('a'),
      });
      expect(built.python.find((p) => p.root === 'libs/app')?.externalBuildInputs).toEqual([]);
      expect(built.python.find((p) => p.root === 'py/fast')?.externalBuildInputs).toEqual(['crates/a/**/*']);
      expect(built.edges).toEqual([edge('libs/app', 'py/fast', 'libs/app/pyproject.toml'), edge('py/fast', 'crates/a', 'py/fast/Cargo.toml')]);
    });

    it('leaves out crates and a Cargo workspace inside the project root, and lists those outside', () => {
      const built = model({
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': `${crate('fast', 'inner = { path = "crates/inner" }', 'shared = { path = "../../crates/shared" }')}
[workspace]
members = ["crates/*"]
`,
        'py/fast/crates/inner/Cargo.toml': crate('inner'),
        'crates/shared/Cargo.toml': crate('shared'),
      });
      expect(built.python).toEqual([
        {
          root: 'py/fast',
          pyproject: 'py/fast/pyproject.toml',
          distribution: 'fast',
          cargoManifest: 'py/fast/Cargo.toml',
          externalBuildInputs: ['crates/shared/**/*'],
        },
      ]);
      // The crate inside the project is still a project of its own, nested in the maturin project.
      expect(built.crates.map((c) => c.root)).toEqual(['crates/shared', 'py/fast/crates/inner']);
    });

    it('lists only the crates in the maturin crate\'s closure, not every member of its Cargo workspace', () => {
      const built = model({
        'Cargo.toml': '[workspace]\nmembers = ["crates/*", "py/*"]\n',
        'crates/used/Cargo.toml': crate('used', 'deep = { path = "../deep" }'),
        'crates/deep/Cargo.toml': crate('deep'),
        'crates/unused/Cargo.toml': crate('unused'),
        'py/fast/pyproject.toml': maturinPyproject('fast'),
        'py/fast/Cargo.toml': crate('fast', 'used = { path = "../../crates/used" }'),
      });
      expect(built.python[0].externalBuildInputs).toEqual(['Cargo.lock', 'Cargo.toml', 'crates/deep/**/*', 'crates/used/**/*']);
      expect(built.crates.map((c) => c.root)).toEqual(['crates/deep', 'crates/unused', 'crates/used']);
    });

    it('uses the pyproject as the edge source when the extension crate lies outside the project root', () => {
      expect(
        model({
          'py/fast/pyproject.toml': maturinPyproject('fast', '\n[tool.maturin]\nmanifest-path = "../../crates/fast/Cargo.toml"\n'),
          'crates/fast/Cargo.toml': crate('fast-native', 'util = { path = "../util" }'),
          'crates/util/Cargo.toml': crate('util'),
        }),
      ).toEqual<WorkspaceModel>({
        python: [
          {
            root: 'py/fast',
            pyproject: 'py/fast/pyproject.toml',
            distribution: 'fast',
            cargoManifest: 'crates/fast/Cargo.toml',
            externalBuildInputs: ['crates/fast/**/*', 'crates/util/**/*'],
          },
        ],
        crates: [{ root: 'crates/util', cargoManifest: 'crates/util/Cargo.toml', packageName: 'util', projectName: 'util' }],
        edges: [edge('py/fast', 'crates/util', 'py/fast/pyproject.toml')],
      });
    });
  });

  it('builds an empty model from no manifests', () => {
    expect(model({})).toEqual<WorkspaceModel>({ python: [], crates: [], edges: [] });
  });
});
