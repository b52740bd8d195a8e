import type { CreateDependenciesContext } from '@nx/devkit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createDependencies } from './create-dependencies';

const PYPROJECTS: Record<string, string> = {
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
};

let workspaceRoot: string;

beforeAll(() => {
  workspaceRoot = mkdtempSync(join(tmpdir(), 'pyrel-create-deps-'));
  for (const [file, text] of Object.entries(PYPROJECTS)) {
    mkdirSync(dirname(join(workspaceRoot, file)), { recursive: true });
    writeFileSync(join(workspaceRoot, file), text);
  }
  mkdirSync(join(workspaceRoot, 'apps/web'), { recursive: true });
  mkdirSync(join(workspaceRoot, 'tools/virtual'), { recursive: true });
  writeFileSync(join(workspaceRoot, 'tools/virtual/pyproject.toml'), '[tool.uv.workspace]\nmembers = ["libs/*"]\n');
});

afterAll(() => {
  rmSync(workspaceRoot, { recursive: true, force: true });
});

function contextFor(projects: Record<string, string>): CreateDependenciesContext {
  return {
    projects: Object.fromEntries(Object.entries(projects).map(([name, root]) => [name, { root }])),
    workspaceRoot,
    nxJsonConfiguration: {},
    fileMap: { projectFileMap: {}, nonProjectFiles: [] },
    filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    externalNodes: {},
  };
}

describe('createDependencies', () => {
  it('adds a static edge for each requirement that names a workspace project, and no others', async () => {
    const context = contextFor({ a: 'libs/a', b: 'libs/b', c: 'libs/c', web: 'apps/web', virtual: 'tools/virtual' });

    const dependencies = await createDependencies(undefined, context);

    expect(dependencies).toEqual([
      { source: 'b', target: 'a', type: 'static', sourceFile: 'libs/b/pyproject.toml' },
      { source: 'c', target: 'b', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
      { source: 'c', target: 'a', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
    ]);
  });

  it('targets the Nx project name, which may differ from the distribution name', async () => {
    const context = contextFor({ 'lib-a': 'libs/a', 'lib-b': 'libs/b' });

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'lib-b', target: 'lib-a', type: 'static', sourceFile: 'libs/b/pyproject.toml' },
    ]);
  });

  it('adds no edge to a distribution that is not a project of the workspace', async () => {
    const context = contextFor({ b: 'libs/b', c: 'libs/c' });

    expect(await createDependencies(undefined, context)).toEqual([
      { source: 'c', target: 'b', type: 'static', sourceFile: 'libs/c/pyproject.toml' },
    ]);
  });

  it('finds nothing in a workspace without Python projects', async () => {
    expect(await createDependencies(undefined, contextFor({ web: 'apps/web', virtual: 'tools/virtual' }))).toEqual([]);
  });
});
