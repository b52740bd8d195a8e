import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedPluginOptions } from '../core/plugin-options';

const TARGET_GROUP = 'Python release';
const NX_RELEASE_PUBLISH = 'nx-release-publish';

export interface PythonTargetFacts {
  technologies: string[];
  /** Workspace-relative files and globs outside the project that its wheel is built from. */
  externalBuildInputs: readonly string[];
}

/** The targets every Python project gets; target names come from the plugin options. */
export function pythonTargets(options: NormalizedPluginOptions, { technologies, externalBuildInputs }: PythonTargetFacts): Record<string, TargetConfiguration> {
  return {
    [options.versionTargetName]: {
      executor: '@pyrel/nx:version',
      options: {},
      metadata: {
        technologies,
        description: 'Bump the version everywhere it is written (pyproject.toml, __version__, Cargo.toml, Cargo.lock) and raise dependents\' pins.',
      },
    },
    [options.buildWheelTargetName]: {
      executor: '@pyrel/nx:build-wheel',
      cache: true,
      inputs: [
        '{projectRoot}/**/*',
        '!{projectRoot}/dist/**/*',
        '!{projectRoot}/**/__pycache__/**/*',
        '!{projectRoot}/.venv/**/*',
        '!{projectRoot}/target/**/*',
        '!{projectRoot}/build/**/*',
        '!{projectRoot}/**/*.egg-info/**/*',
        ...externalBuildInputs.map((path) => `{workspaceRoot}/${path}`),
      ],
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
    [options.publishTargetName]: {
      executor: '@pyrel/nx:publish',
      dependsOn: [options.buildWheelTargetName, `^${options.publishTargetName}`],
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
      dependsOn: [options.buildWheelTargetName, `^${NX_RELEASE_PUBLISH}`],
      options: {},
      metadata: {
        technologies,
        description: 'Upload the built sdist and wheel for `nx release publish` (`--registry` names the repository).',
      },
    },
  };
}

export const targetGroups = (options: NormalizedPluginOptions) => ({
  [TARGET_GROUP]: [options.versionTargetName, options.buildWheelTargetName, options.publishTargetName],
});
