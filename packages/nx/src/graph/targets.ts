import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedPluginOptions } from '../core/plugin-options';

const TARGET_GROUP = 'Python release';
const NX_RELEASE_PUBLISH = 'nx-release-publish';

export interface PythonTargetFacts {
  technologies: string[];
  /** Workspace-relative files and globs outside the project that its wheel is built from. */
  externalBuildInputs: readonly string[];
  /** Roots of the Python projects that depend on this one directly. */
  dependentRoots: readonly string[];
  /** pytest is configured in the project's pyproject.toml. */
  pytest: boolean;
}

/** Project files a build or test reads: everything but outputs, caches and environments. */
const PROJECT_SOURCES = [
  '{projectRoot}/**/*',
  '!{projectRoot}/dist/**/*',
  '!{projectRoot}/**/__pycache__/**/*',
  '!{projectRoot}/.venv/**/*',
  '!{projectRoot}/target/**/*',
  '!{projectRoot}/build/**/*',
  '!{projectRoot}/**/*.egg-info/**/*',
];

/**
 * pytest in the project's own uv environment (its dev dependency group included); with the
 * pyproject generator's `--cov` addopts, coverage below `[tool.coverage.report] fail_under` fails it.
 */
function testTarget(technologies: string[]): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { command: 'uv run pytest', cwd: '{projectRoot}' },
    cache: true,
    inputs: [...PROJECT_SOURCES, '!{projectRoot}/.coverage', '!{projectRoot}/.pytest_cache/**/*'],
    metadata: {
      technologies,
      description: 'Run pytest with `uv run` in the project (the release workflow\'s gate runs it for affected projects).',
      help: { command: 'uv run pytest --help', example: { args: ['-x'] } },
    },
  };
}

/** The no-op target that completes once this project and every project depending on it, transitively, is built and checked. */
export const releaseSetTargetName = (options: NormalizedPluginOptions) => `${options.buildWheelTargetName}-with-dependents`;

/** The targets every Python project gets; target names come from the plugin options. */
export function pythonTargets(options: NormalizedPluginOptions, { technologies, externalBuildInputs, dependentRoots, pytest }: PythonTargetFacts): Record<string, TargetConfiguration> {
  const releaseSet = releaseSetTargetName(options);
  // What publish waits for: the release-set gate where other projects depend on this one; for a
  // project nothing depends on, the gate would only wait for its own build, so publish waits for
  // that directly and a run has one no-op task fewer per such project to hash and replay.
  const builtAndChecked = dependentRoots.length > 0 ? releaseSet : options.buildWheelTargetName;
  return {
    // One at a time: a bump also rewrites its dependents' pyproject.toml (their pins) and the
    // shared uv.lock, so two bumps side by side in `nx run-many -t version` could each read a
    // file before the other wrote it and put back the old text (a dependent kept its old version
    // while its __version__ moved on).
    [options.versionTargetName]: {
      executor: '@pyrel/nx:version',
      parallelism: false,
      options: {},
      metadata: {
        technologies,
        description: 'Bump the version everywhere it is written (pyproject.toml, __version__, Cargo.toml, Cargo.lock) and raise dependents\' pins.',
      },
    },
    [options.buildWheelTargetName]: {
      executor: '@pyrel/nx:build-wheel',
      cache: true,
      inputs: [...PROJECT_SOURCES, ...externalBuildInputs.map((path) => `{workspaceRoot}/${path}`)],
      outputs: ['{projectRoot}/dist'],
      metadata: {
        technologies,
        description: 'Build the sdist and wheel into {projectRoot}/dist, reproducibly, and check them (metadata, contents, version).',
        help: {
          command: 'uv build --help',
          example: { options: { smoke: true } },
        },
      },
    },
    // Publishing waits for this, not for build-wheel alone: no upload of a project starts before
    // every workspace project that depends on it has built and passed its checks, so a failing
    // dependent build (a maturin wheel, classically) never leaves its dependencies half released.
    // Dependents are matched by root, which stays right when project.json renames them. Cached
    // with no inputs: it only runs once its dependencies succeeded, and as a cache hit Nx settles
    // all of them at once, so the publish tasks of a run still start together, in one batch.
    [releaseSet]: {
      executor: 'nx:noop',
      cache: true,
      inputs: [],
      dependsOn: [options.buildWheelTargetName, ...(dependentRoots.length > 0 ? [{ target: releaseSet, projects: dependentRoots.map((root) => `directory:${root}`) }] : [])],
      metadata: {
        technologies,
        description: 'Completes when this project and every workspace project depending on it are built and checked (what publish waits for).',
      },
    },
    [options.publishTargetName]: {
      executor: '@pyrel/nx:publish',
      dependsOn: [builtAndChecked, `^${options.publishTargetName}`],
      options: {},
      metadata: {
        technologies,
        description: 'Upload the built sdist and wheel to a package index (dependencies first).',
        help: {
          command: 'uv publish --help',
          example: { options: { repository: 'testpypi', dryRun: true } },
        },
      },
    },
    // The target `nx release publish` runs; it passes `registry`, `dryRun`, `tag`, `firstRelease` and `nxReleaseVersionData`.
    [NX_RELEASE_PUBLISH]: {
      executor: '@pyrel/nx:publish',
      dependsOn: [builtAndChecked, `^${NX_RELEASE_PUBLISH}`],
      options: {},
      metadata: {
        technologies,
        description: 'Upload the built sdist and wheel for `nx release publish` (`--registry` names the repository).',
      },
    },
    ...(pytest ? { [options.testTargetName]: testTarget(technologies) } : {}),
  };
}

export const targetGroups = (options: NormalizedPluginOptions) => ({
  [TARGET_GROUP]: [options.versionTargetName, options.buildWheelTargetName, options.publishTargetName],
});
