import type { CreateDependenciesContext, FileData } from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import { createNodes } from './create-nodes';
import { useTempWorkspace } from '../testing/temp-workspace';

const PYTHON_FILES: Record<string, string> = {
  'libs/a/pyproject.toml': `
[project]
name = "A"
version = "1.0.0"
optional-dependencies = { self = ["a[test]"] }
`,
  'libs/b/pyproject.toml': `
[project]
name = "b"
dependencies = ["A[extra]>=1.0; python_version>'3'", "numpy"]
`,
  'libs/c/pyproject.toml': `
[project]
name = "c"
dependencies = ["requests>=2"]

[project.optional-dependencies]
cli = ["B>=0.1"]

[dependency-groups]
dev = ["a", { include-group = "test" }]
test = ["pytest"]
`,
  'tools/virtual/pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
  // Files of the projects that are not manifests.
  'libs/a/src/a/__init__.py': '',
  'libs/b/README.md': '# b\n',
};

const MATURIN_FILES: Record<string, string> = {
  'py/fast/pyproject.toml': '[build-system]\nbuild-backend = "maturin"\n\n[project]\nname = "fast"\ndynamic = ["version"]\n',
  'py/fast/Cargo.toml': '[package]\nname = "fast"\nversion = "0.1.0"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n',
  'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n\n[dependencies]\nutil = { path = "../util" }\n',
  'crates/util/Cargo.toml': '[package]\nname = "util"\nversion = "0.1.0"\n',
};

// A fresh root per test: the plugin remembers the last model per workspace root.
const workspace = useTempWorkspace('pyrel-create-deps-');


/** A context whose file map lists `files` under the project whose root holds them, the rest as non-project files. */
function contextFor(projects: Record<string, string>, files: string[]): CreateDependenciesContext {
  const projectFileMap: Record<string, FileData[]> = Object.fromEntries(Object.keys(projects).map((name) => [name, []]));
  const nonProjectFiles: FileData[] = [];
  for (const file of files) {
    const owner = Object.entries(projects)
      .filter(([, root]) => file.startsWith(`${root}/`))
      .sort(([, a], [, b]) => b.length - a.length)[0];
    (owner ? projectFileMap[owner[0]] : nonProjectFiles).push({ file, hash: `hash-of-${file}` });
  }
  return {
    projects: Object.fromEntries(Object.entries(projects).map(([name, root]) => [name, { root }])),
    workspaceRoot: workspace.root,
    nxJsonConfiguration: {},
    fileMap: { projectFileMap, nonProjectFiles },
    filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    externalNodes: {},
  };
}

describe('createDependencies', () => {
  it('adds a static edge for each requirement that names a workspace project, reading the manifests in the file map', async () => {
    workspace.write(PYTHON_FILES);
    const context = contextFor({ a: 'libs/a', b: 'libs/b', c: 'libs/c', web: 'apps/web' }, Object.keys(PYTHON_FILES));

    const dependencies = await createDependencies(undefined, context);

    expect(dependencies).toEqual([
      { source: 'b', target: 'a', type: 'static', sourceFile: 'libs/b/pyproject.toml' },
      { source: 'c', target: 'b', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
      { source: 'c', target: 'a', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
    ]);
  });

  it('targets the Nx project names, which may differ from the distribution names', async () => {
    workspace.write(PYTHON_FILES);
    const context = contextFor({ 'lib-a': 'libs/a', 'lib-b': 'libs/b' }, ['libs/a/pyproject.toml', 'libs/b/pyproject.toml']);

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'lib-b', target: 'lib-a', type: 'static', sourceFile: 'libs/b/pyproject.toml' },
    ]);
  });

  it('drops an edge whose end is not a project root known to Nx', async () => {
    workspace.write(PYTHON_FILES);
    // libs/a's manifest is read, but no Nx project has its root.
    const context = contextFor({ b: 'libs/b', c: 'libs/c' }, Object.keys(PYTHON_FILES));

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'c', target: 'b', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
    ]);
  });

  it('finds nothing when the file map lists no manifest', async () => {
    workspace.write(PYTHON_FILES);
    const context = contextFor({ a: 'libs/a', b: 'libs/b', c: 'libs/c' }, ['libs/a/src/a/__init__.py', 'libs/b/README.md']);

    expect(await createDependencies(undefined, context)).toEqual([]);
  });

  it('adds edges from a maturin project to the crates it uses and between crates, each from the Cargo.toml that declares it', async () => {
    workspace.write(MATURIN_FILES);
    const context = contextFor({ fast: 'py/fast', 'core-crate': 'crates/core', util: 'crates/util' }, Object.keys(MATURIN_FILES));

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'fast', target: 'core-crate', type: 'static', sourceFile: 'py/fast/Cargo.toml' },
      { source: 'core-crate', target: 'util', type: 'static', sourceFile: 'crates/core/Cargo.toml' },
    ]);
  });

  it('uses the model createNodes built last for the same workspace root instead of the file map', async () => {
    workspace.write({ ...PYTHON_FILES, ...MATURIN_FILES });
    const manifests = Object.keys({ ...PYTHON_FILES, ...MATURIN_FILES }).filter((file) => /(pyproject|Cargo)\.toml$/.test(file));
    await createNodes[1](manifests, undefined, { nxJsonConfiguration: {}, workspaceRoot: workspace.root });
    // An empty file map would find nothing by itself (see above).
    const context = contextFor({ a: 'libs/a', b: 'libs/b', fast: 'py/fast', core: 'crates/core' }, []);

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'b', target: 'a', type: 'static', sourceFile: 'libs/b/pyproject.toml' },
      { source: 'fast', target: 'core', type: 'static', sourceFile: 'py/fast/Cargo.toml' },
    ]);
  });
});
