import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedPluginOptions } from '../core/plugin-options';

const TARGET_GROUP = 'Python release';

/** The targets every Python project gets; target names come from the plugin options. */
export function pythonTargets(options: NormalizedPluginOptions): Record<string, TargetConfiguration> {
  return {
    [options.buildWheelTargetName]: {
      executor: '@pyrel/nx:build-wheel',
      cache: true,
      inputs: [
        '{projectRoot}/**/*',
        '!{projectRoot}/dist/**/*',
        '!{projectRoot}/**/__pycache__/**/*',
        '!{projectRoot}/.venv/**/*',
        '{workspaceRoot}/uv.lock',
      ],
      outputs: ['{projectRoot}/dist'],
      metadata: {
        technologies: ['python'],
        description: 'Build the sdist and wheel into {projectRoot}/dist with uv build.',
        help: {
          command: 'uv build --help',
          example: { options: {} },
        },
      },
    },
    [options.publishTargetName]: {
      executor: '@pyrel/nx:publish',
      dependsOn: [options.buildWheelTargetName, `^${options.publishTargetName}`],
      options: {},
      metadata: {
        technologies: ['python'],
        description: 'Upload the built sdist and wheel to a package index (dependencies first).',
        help: {
          command: 'uv publish --help',
          example: { options: { repository: 'testpypi', dryRun: true } },
        },
      },
    },
  };
}

export const targetGroups = (options: NormalizedPluginOptions) => ({
  [TARGET_GROUP]: [options.buildWheelTargetName, options.publishTargetName],
});
