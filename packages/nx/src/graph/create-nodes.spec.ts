import { AggregateCreateNodesError, type CreateNodesResultArray } from '@nx/devkit';
import type { PyrelPluginOptions } from '../core/plugin-options';
import { createNodes } from './create-nodes';
import { MANIFEST_GLOB } from './workspace-model-cache';
import { useTempWorkspace } from '../testing/temp-workspace';

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
  '!{projectRoot}/target/**/*',
  '!{projectRoot}/build/**/*',
  '!{projectRoot}/**/*.egg-info/**/*',
];

const workspace = useTempWorkspace('pyrel-create-nodes-');


function inferNodes(files: string[], options?: PyrelPluginOptions) {
  return createNodes[1](files, options, { nxJsonConfiguration: {}, workspaceRoot: workspace.root });
}

/** `[file, root, name]` of every project in `results`; files without a project are left out. */
function projectsIn(results: CreateNodesResultArray): Array<[string, string, string | undefined]> {
  return results.flatMap(([file, result]) => Object.entries(result.projects ?? {}).map(([root, project]): [string, string, string | undefined] => [file, root, project.name]));
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
  it('matches every pyproject.toml and Cargo.toml', () => {
    expect(MANIFEST_GLOB).toBe('**/{pyproject.toml,Cargo.toml}');
    expect(createNodes[0]).toBe(MANIFEST_GLOB);
  });

  it('infers a library project with version, build-wheel and publish targets from a pyproject with [project]', async () => {
    workspace.write({ 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT });

    expect(await inferNodes(['libs/my-lib/pyproject.toml'])).toEqual([
      [
        'libs/my-lib/pyproject.toml',
        {
          projects: {
            'libs/my-lib': {
              name: 'my-lib',
              projectType: 'library',
              tags: ['pyrel'],
              targets: {
                version: {
                  executor: '@pyrel/nx:version',
                  parallelism: false,
                  options: {},
                  metadata: {
                    technologies: ['python'],
                    description: "Bump the version everywhere it is written (pyproject.toml, __version__, Cargo.toml, Cargo.lock) and raise dependents' pins.",
                  },
                },
                'build-wheel': {
                  executor: '@pyrel/nx:build-wheel',
                  cache: true,
                  inputs: BUILD_WHEEL_INPUTS,
                  outputs: ['{projectRoot}/dist'],
                  metadata: {
                    technologies: ['python'],
                    description: 'Build the sdist and wheel into {projectRoot}/dist, reproducibly, and check them (metadata, contents, version).',
                    help: { command: 'uv build --help', example: { options: { smoke: true } } },
                  },
                },
                'build-wheel-with-dependents': {
                  executor: 'nx:noop',
                  cache: true,
                  inputs: [],
                  dependsOn: ['build-wheel'],
                  metadata: {
                    technologies: ['python'],
                    description: 'Completes when this project and every workspace project depending on it are built and checked (what publish waits for).',
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
                'nx-release-publish': {
                  executor: '@pyrel/nx:publish',
                  dependsOn: ['build-wheel', '^nx-release-publish'],
                  options: {},
                  metadata: {
                    technologies: ['python'],
                    description: 'Upload the built sdist and wheel for `nx release publish` (`--registry` names the repository).',
                  },
                },
              },
              release: { version: { versionActions: '@pyrel/nx/release/version-actions' } },
              metadata: {
                technologies: ['python'],
                targetGroups: { 'Python release': ['version', 'build-wheel', 'publish'] },
                pyrel: { distribution: 'my-lib', pyproject: 'libs/my-lib/pyproject.toml' },
              },
            },
          },
        },
      ],
    ]);
  });

  it('makes publish wait for the builds of every project depending on it, matched by root', async () => {
    workspace.write({
      'libs/a/pyproject.toml': '[project]\nname = "a"\n',
      'libs/b/pyproject.toml': '[project]\nname = "b"\ndependencies = ["a"]\n',
      'apps/c/pyproject.toml': '[project]\nname = "c"\ndependencies = ["a", "b>=1"]\n',
    });
    const results = await inferNodes(['libs/a/pyproject.toml', 'libs/b/pyproject.toml', 'apps/c/pyproject.toml']);
    const gate = (root: string) => Object.values(results).map(([, r]) => r.projects?.[root]).find(Boolean)?.targets?.['build-wheel-with-dependents']?.dependsOn;
    expect(gate('libs/a')).toEqual(['build-wheel', { target: 'build-wheel-with-dependents', projects: ['directory:apps/c', 'directory:libs/b'] }]);
    expect(gate('libs/b')).toEqual(['build-wheel', { target: 'build-wheel-with-dependents', projects: ['directory:apps/c'] }]);
    expect(gate('apps/c')).toEqual(['build-wheel']);
    const publishWaitsFor = (root: string) => Object.values(results).map(([, r]) => r.projects?.[root]).find(Boolean)?.targets?.publish?.dependsOn;
    expect(publishWaitsFor('libs/a')).toEqual(['build-wheel-with-dependents', '^publish']);
    expect(publishWaitsFor('libs/b')).toEqual(['build-wheel-with-dependents', '^publish']);
    // Nothing depends on c: its gate would wait for its own build only.
    expect(publishWaitsFor('apps/c')).toEqual(['build-wheel', '^publish']);
  });

  it('adds a test target, named by testTargetName, only where pyproject.toml configures pytest', async () => {
    workspace.write({
      'libs/tested/pyproject.toml': '[project]\nname = "tested"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      'libs/plain/pyproject.toml': '[project]\nname = "plain"\n',
    });
    const results = await inferNodes(['libs/tested/pyproject.toml', 'libs/plain/pyproject.toml'], { testTargetName: 'pytest' });
    const targets = (root: string) => Object.values(results).map(([, r]) => r.projects?.[root]).find(Boolean)?.targets ?? {};

    expect(targets('libs/tested').pytest).toMatchObject({ executor: 'nx:run-commands', options: { command: 'uv run pytest', cwd: '{projectRoot}' }, cache: true });
    expect(Object.keys(targets('libs/plain'))).not.toContain('pytest');
  });

  it('infers no project from a virtual uv workspace root without [project]', async () => {
    workspace.write({ 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["libs/*"]\n' });

    expect(await inferNodes(['pyproject.toml'])).toEqual([['pyproject.toml', {}]]);
  });

  it('places a pyproject at the workspace root at root "."', async () => {
    workspace.write({ 'pyproject.toml': '[project]\nname = "root-lib"\n' });

    const [[, result]] = await inferNodes(['pyproject.toml']);
    expect(Object.keys(result.projects ?? {})).toEqual(['.']);
    expect(result.projects?.['.']?.name).toBe('root-lib');
  });

  it('names targets after the versionTargetName, buildWheelTargetName and publishTargetName options', async () => {
    workspace.write({ 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT });

    const [[, result]] = await inferNodes(['libs/my-lib/pyproject.toml'], { versionTargetName: 'bump', buildWheelTargetName: 'wheel', publishTargetName: 'release' });
    const project = result.projects?.['libs/my-lib'];
    expect(Object.keys(project?.targets ?? {})).toEqual(['bump', 'wheel', 'wheel-with-dependents', 'release', 'nx-release-publish']);
    expect(project?.targets?.['nx-release-publish']?.dependsOn).toEqual(['wheel', '^nx-release-publish']);
    expect(project?.targets?.bump?.executor).toBe('@pyrel/nx:version');
    expect(project?.targets?.wheel?.executor).toBe('@pyrel/nx:build-wheel');
    expect(project?.targets?.release?.executor).toBe('@pyrel/nx:publish');
    expect(project?.targets?.release?.dependsOn).toEqual(['wheel', '^release']);
    expect(project?.metadata?.targetGroups).toEqual({ 'Python release': ['bump', 'wheel', 'release'] });
  });

  // Nx merges project.json and package.json after plugins, so a name declared there wins without the plugin reading them.
  it.each([
    ['a named project.json and package.json', { 'project.json': '{"name": "from-project-json"}', 'package.json': '{"name": "from-package-json"}' }],
    ['a malformed package.json', { 'package.json': '{ "name": ' }],
    ['a malformed project.json', { 'project.json': 'not json' }],
  ])('names the project after its distribution next to %s', async (_what, extraFiles: Record<string, string>) => {
    const files: Record<string, string> = { 'libs/my-lib/pyproject.toml': LIBRARY_PYPROJECT };
    for (const [file, text] of Object.entries(extraFiles)) files[`libs/my-lib/${file}`] = text;
    workspace.write(files);

    expect(projectsIn(await inferNodes(['libs/my-lib/pyproject.toml']))).toEqual([['libs/my-lib/pyproject.toml', 'libs/my-lib', 'my-lib']]);
  });

  it('fails with the file, line and column of malformed TOML', async () => {
    workspace.write({ 'libs/broken/pyproject.toml': '[project]\nname = "broken"\nversion = \n' });

    const error = await inferenceError(['libs/broken/pyproject.toml']);
    expect(error.errors).toHaveLength(1);
    const [file, cause] = error.errors[0];
    expect(file).toBe('libs/broken/pyproject.toml');
    expect(cause.message).toMatch(/^libs\/broken\/pyproject\.toml:3:\d+: /);
    expect(projectsIn(error.partialResults)).toEqual([]);
  });

  it('keeps the projects of valid files next to a broken one', async () => {
    workspace.write({
      'libs/a/pyproject.toml': '[project]\nname = "a"\n',
      'libs/broken/pyproject.toml': '[project\nname = "broken"\n',
      'libs/c/pyproject.toml': '[project]\nname = "C_Lib"\n',
    });

    const error = await inferenceError(['libs/a/pyproject.toml', 'libs/broken/pyproject.toml', 'libs/c/pyproject.toml']);
    expect(error.errors.map(([file]) => file)).toEqual(['libs/broken/pyproject.toml']);
    expect(error.errors[0][1].message).toContain('libs/broken/pyproject.toml:1:');
    expect(projectsIn(error.partialResults)).toEqual([
      ['libs/a/pyproject.toml', 'libs/a', 'a'],
      ['libs/c/pyproject.toml', 'libs/c', 'c-lib'],
    ]);
  });

  it('reports a [project] without a name as an error for that file', async () => {
    workspace.write({ 'libs/nameless/pyproject.toml': '[project]\nversion = "1.0"\n' });

    const error = await inferenceError(['libs/nameless/pyproject.toml']);
    expect(error.errors[0][1].message).toContain('libs/nameless/pyproject.toml: [project] has no name.');
  });

  it('keeps the projects of valid files next to a broken Cargo.toml', async () => {
    workspace.write({
      'libs/a/pyproject.toml': '[project]\nname = "a"\n',
      'crates/broken/Cargo.toml': '[package]\nname = "broken"\nversion = \n',
    });

    const error = await inferenceError(['libs/a/pyproject.toml', 'crates/broken/Cargo.toml']);
    expect(error.errors.map(([file, cause]) => [file, cause.message.split('\n')[0]])).toEqual([
      ['crates/broken/Cargo.toml', expect.stringMatching(/^crates\/broken\/Cargo\.toml:3:\d+: /)],
    ]);
    expect(projectsIn(error.partialResults)).toEqual([['libs/a/pyproject.toml', 'libs/a', 'a']]);
    expect(error.partialResults.map(([file]) => file)).toEqual(['libs/a/pyproject.toml']);
  });

  describe('maturin projects and crates', () => {
    const MATURIN_PYPROJECT = '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "fast"\ndynamic = ["version"]\n';

    it('tags a maturin project python and rust and adds the sources of crates outside it to its build-wheel inputs', async () => {
      workspace.write({
        'py/fast/pyproject.toml': MATURIN_PYPROJECT,
        'py/fast/Cargo.toml': '[package]\nname = "fast"\nversion = "0.1.0"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n',
        'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n',
      });

      const results = await inferNodes(['py/fast/pyproject.toml', 'py/fast/Cargo.toml', 'crates/core/Cargo.toml']);

      const fast = results[0][1].projects?.['py/fast'];
      expect(fast?.metadata?.technologies).toEqual(['python', 'rust']);
      expect(fast?.metadata?.pyrel).toEqual({ distribution: 'fast', pyproject: 'py/fast/pyproject.toml', cargoManifest: 'py/fast/Cargo.toml' });
      expect(fast?.targets?.['build-wheel']?.metadata?.technologies).toEqual(['python', 'rust']);
      expect(fast?.targets?.publish?.metadata?.technologies).toEqual(['python', 'rust']);
      expect(fast?.targets?.['build-wheel']?.inputs).toEqual([...BUILD_WHEEL_INPUTS, '{workspaceRoot}/crates/core/**/*']);
      // The extension crate belongs to the maturin project: its Cargo.toml infers nothing of its own.
      expect(results[1]).toEqual(['py/fast/Cargo.toml', {}]);
    });

    it('infers a crate a maturin project uses as a rust library project without targets', async () => {
      workspace.write({
        'py/fast/pyproject.toml': MATURIN_PYPROJECT,
        'py/fast/Cargo.toml': '[package]\nname = "fast"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n',
        'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n',
      });

      const results = await inferNodes(['crates/core/Cargo.toml', 'py/fast/Cargo.toml', 'py/fast/pyproject.toml']);

      expect(results[0]).toEqual([
        'crates/core/Cargo.toml',
        {
          projects: {
            'crates/core': {
              name: 'core',
              projectType: 'library',
              tags: ['pyrel'],
              release: { version: { versionActions: '@pyrel/nx/release/version-actions' } },
              metadata: {
                technologies: ['rust'],
                description: "Rust crate core, built into a maturin project's wheel.",
                pyrel: { crate: 'core', cargoManifest: 'crates/core/Cargo.toml' },
              },
            },
          },
        },
      ]);
    });

    it('infers nothing from a crate no maturin project uses', async () => {
      workspace.write({ 'crates/unused/Cargo.toml': '[package]\nname = "unused"\n' });

      expect(await inferNodes(['crates/unused/Cargo.toml'])).toEqual([['crates/unused/Cargo.toml', {}]]);
    });

    it('names a crate that shares a Python distribution name with a -crate suffix', async () => {
      workspace.write({
        'libs/core/pyproject.toml': '[project]\nname = "core"\n',
        'py/fast/pyproject.toml': MATURIN_PYPROJECT,
        'py/fast/Cargo.toml': '[package]\nname = "fast"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n',
        'crates/core/Cargo.toml': '[package]\nname = "core"\n',
      });

      const results = await inferNodes(['libs/core/pyproject.toml', 'py/fast/pyproject.toml', 'py/fast/Cargo.toml', 'crates/core/Cargo.toml']);

      expect(projectsIn(results)).toEqual([
        ['libs/core/pyproject.toml', 'libs/core', 'core'],
        ['py/fast/pyproject.toml', 'py/fast', 'fast'],
        ['crates/core/Cargo.toml', 'crates/core', 'core-crate'],
      ]);
    });

    it('infers the projects of a uv workspace with a maturin member that depends on a crate by path', async () => {
      workspace.write({
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[tool.uv.sources]\napp = { workspace = true }\n',
        'packages/app/pyproject.toml': '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = ["lib", "fast"]\n\n[tool.uv.sources]\nlib = { workspace = true }\nfast = { workspace = true }\n',
        'packages/lib/pyproject.toml': '[project]\nname = "lib"\nversion = "1.0.0"\n',
        'packages/fast/pyproject.toml': MATURIN_PYPROJECT,
        'packages/fast/Cargo.toml': '[package]\nname = "fast"\nversion = "0.1.0"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.22"\nfast-core = { path = "../../crates/fast-core" }\n',
        'crates/fast-core/Cargo.toml': '[package]\nname = "fast-core"\nversion = "0.1.0"\n',
      });
      const files = [
        'crates/fast-core/Cargo.toml',
        'packages/app/pyproject.toml',
        'packages/fast/Cargo.toml',
        'packages/fast/pyproject.toml',
        'packages/lib/pyproject.toml',
        'pyproject.toml',
      ];

      const results = await inferNodes(files);

      expect(results.map(([file]) => file)).toEqual(files);
      expect(projectsIn(results)).toEqual([
        ['crates/fast-core/Cargo.toml', 'crates/fast-core', 'fast-core'],
        ['packages/app/pyproject.toml', 'packages/app', 'app'],
        ['packages/fast/pyproject.toml', 'packages/fast', 'fast'],
        ['packages/lib/pyproject.toml', 'packages/lib', 'lib'],
      ]);
      const byRoot = Object.fromEntries(results.flatMap(([, result]) => Object.entries(result.projects ?? {})));
      expect(byRoot['crates/fast-core']).toEqual({
        name: 'fast-core',
        projectType: 'library',
        tags: ['pyrel'],
        release: { version: { versionActions: '@pyrel/nx/release/version-actions' } },
        metadata: {
          technologies: ['rust'],
          description: "Rust crate fast-core, built into a maturin project's wheel.",
          pyrel: { crate: 'fast-core', cargoManifest: 'crates/fast-core/Cargo.toml' },
        },
      });
      expect(byRoot['packages/fast'].metadata?.technologies).toEqual(['python', 'rust']);
      expect(byRoot['packages/fast'].targets?.['build-wheel']?.inputs).toEqual([...BUILD_WHEEL_INPUTS, '{workspaceRoot}/crates/fast-core/**/*']);
      for (const root of ['packages/app', 'packages/lib']) {
        expect(byRoot[root].metadata?.technologies).toEqual(['python']);
        expect(byRoot[root].targets?.['build-wheel']?.inputs).toEqual(BUILD_WHEEL_INPUTS);
      }
    });
  });
});
