import { AggregateCreateNodesError } from '@nx/devkit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PyrelPluginOptions } from '../core/plugin-options';
import { createNodes, PYPROJECT_GLOB } from './create-nodes';

const LIBRARY_PYPROJECT = `
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "My_Lib"
version = "0.1.0"
dependencies = ["requests"]
`;

const BUILD_WHEEL_INPUTS = [
  '{projectRoot}/**/*',
  '!{projectRoot}/dist/**/*',
  '!{projectRoot}/**/__pycache__/**/*',
  '!{projectRoot}/.venv/**/*',
  '{workspaceRoot}/uv.lock',
];

let workspaceRoot: string;

beforeEach(() => {
  workspaceRoot = mkdtempSync(join(tmpdir(), 'pyrel-create-nodes-'));
});

afterEach(() => {
  rmSync(workspaceRoot, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspaceRoot, file)), { recursive: true });
    writeFileSync(join(workspaceRoot, file), text);
  }
}

function inferNodes(files: string[], options?: PyrelPluginOptions) {
  return createNodes[1](files, options, { nxJsonConfiguration: {}, workspaceRoot });
}

async function inferenceError(files: string[]): Promise<AggregateCreateNodesError> {
  try {
    await inferNodes(files);
  } catch (error) {
    if (error instanceof AggregateCreateNodesError) return error;
    throw error;
  }
  throw new Error('expected an AggregateCreateNodesError');
}

describe('createNodes', () => {
  it('matches every pyproject.toml', () => {
    expect(PYPROJECT_GLOB).toBe('**/pyproject.toml');
    expect(createNodes[0]).toBe(PYPROJECT_GLOB);
  });

  it('infers a library project with build-wheel and publish targets from a pyproject with [project]', async () => {
    write({ 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT });

    expect(await inferNodes(['libs/my-lib/pyproject.toml'])).toEqual([
      [
        'libs/my-lib/pyproject.toml',
        {
          projects: {
            'libs/my-lib': {
              name: 'my-lib',
              projectType: 'library',
              targets: {
                'build-wheel': {
                  executor: '@pyrel/nx:build-wheel',
                  cache: true,
                  inputs: BUILD_WHEEL_INPUTS,
                  outputs: ['{projectRoot}/dist'],
                  metadata: {
                    technologies: ['python'],
                    description: 'Build the sdist and wheel into {projectRoot}/dist with uv build.',
                    help: { command: 'uv build --help', example: { options: {} } },
                  },
                },
                publish: {
                  executor: '@pyrel/nx:publish',
                  dependsOn: ['build-wheel', '^publish'],
                  options: {},
                  metadata: {
                    technologies: ['python'],
                    description: 'Upload the built sdist and wheel to a package index (dependencies first).',
                    help: { command: 'uv publish --help', example: { options: { repository: 'testpypi', dryRun: true } } },
                  },
                },
              },
              metadata: {
                technologies: ['python'],
                targetGroups: { 'Python release': ['build-wheel', 'publish'] },
              },
            },
          },
        },
      ],
    ]);
  });

  it('infers no project from a virtual uv workspace root without [project]', async () => {
    write({ 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n' });

    expect(await inferNodes(['pyproject.toml'])).toEqual([['pyproject.toml', {}]]);
  });

  it('places a pyproject at the workspace root at root "."', async () => {
    write({ 'pyproject.toml': '[project]\nname = "root-lib"\n' });

    const [[, result]] = await inferNodes(['pyproject.toml']);
    expect(Object.keys(result.projects ?? {})).toEqual(['.']);
    expect(result.projects?.['.']?.name).toBe('root-lib');
  });

  it('names targets after the buildWheelTargetName and publishTargetName options', async () => {
    write({ 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT });

    const [[, result]] = await inferNodes(['libs/my-lib/pyproject.toml'], { buildWheelTargetName: 'wheel', publishTargetName: 'release' });
    const project = result.projects?.['libs/my-lib'];
    expect(Object.keys(project?.targets ?? {})).toEqual(['wheel', 'release']);
    expect(project?.targets?.wheel?.executor).toBe('@pyrel/nx:build-wheel');
    expect(project?.targets?.release?.executor).toBe('@pyrel/nx:publish');
    expect(project?.targets?.release?.dependsOn).toEqual(['wheel', '^release']);
    expect(project?.metadata?.targetGroups).toEqual({ 'Python release': ['wheel', 'release'] });
  });

  it.each([
    ['project.json', { 'project.json': '{"name": "from-project-json"}', 'package.json': '{"name": "from-package-json"}' }, 'from-project-json'],
    ['package.json', { 'package.json': '{"name": "@scope/from-package-json"}' }, '@scope/from-package-json'],
    ['the distribution name, as project.json has no name,', { 'project.json': '{"targets": {}}', 'package.json': '{"name": ""}' }, 'my-lib'],
  ])('names the project after %s', async (_source, extraFiles, expected) => {
    const files: Record<string, string> = { 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT };
    for (const [file, text] of Object.entries(extraFiles)) files[`libs/my-lib/${file}`] = text;
    write(files);

    const [[, result]] = await inferNodes(['libs/my-lib/pyproject.toml']);
    expect(result.projects?.['libs/my-lib']?.name).toBe(expected);
  });

  it('fails with the file, line and column of malformed TOML', async () => {
    write({ 'libs/broken/pyproject.toml': '[project]\nname = "broken"\nversion = \n' });

    const error = await inferenceError(['libs/broken/pyproject.toml']);
    expect(error.errors).toHaveLength(1);
    const [file, cause] = error.errors[0];
    expect(file).toBe('libs/broken/pyproject.toml');
    expect(cause.message).toMatch(/^libs\/broken\/pyproject\.toml:3:\d+: /);
    expect(error.partialResults).toEqual([]);
  });

  it('keeps the projects of valid files next to a broken one', async () => {
    write({
      'libs/a/pyproject.toml': '[project]\nname = "a"\n',
      'libs/broken/pyproject.toml': '[project\nname = "broken"\n',
      'libs/c/pyproject.toml': '[project]\nname = "C_Lib"\n',
    });

    const error = await inferenceError(['libs/a/pyproject.toml', 'libs/broken/pyproject.toml', 'libs/c/pyproject.toml']);
    expect(error.errors.map(([file]) => file)).toEqual(['libs/broken/pyproject.toml']);
    expect(error.errors[0][1].message).toContain('libs/broken/pyproject.toml:1:');
    const projectNames = error.partialResults.map(([file, result]) => [file, result.projects && Object.entries(result.projects).map(([root, p]) => [root, p.name])]);
    expect(projectNames).toEqual([
      ['libs/a/pyproject.toml', [['libs/a', 'a']]],
      ['libs/c/pyproject.toml', [['libs/c', 'c-lib']]],
    ]);
  });

  it('reports a [project] without a name as an error for that file', async () => {
    write({ 'libs/nameless/pyproject.toml': '[project]\nversion = "1.0"\n' });

    const error = await inferenceError(['libs/nameless/pyproject.toml']);
    expect(error.errors[0][1].message).toContain('libs/nameless/pyproject.toml: [project] has no name.');
  });
});
