import { createNodesFromFiles, type CreateNodes, type CreateNodesContext, type CreateNodesResult } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readPythonManifest } from '../core/pyproject';
import { normalizePluginOptions, type NormalizedPluginOptions, type PyrelPluginOptions } from '../core/plugin-options';
import { pythonTargets, targetGroups } from './targets';

export const PYPROJECT_GLOB = '**/pyproject.toml';

/** A project.json or package.json name wins over the distribution name, so other plugins' names stay stable. */
function declaredName(root: string): string | undefined {
  for (const file of ['project.json', 'package.json']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const name = (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  }
  return undefined;
}

function createNodesForPyproject(file: string, options: NormalizedPluginOptions, context: CreateNodesContext): CreateNodesResult {
  const manifest = readPythonManifest(readFileSync(join(context.workspaceRoot, file), 'utf8'), file);
  if (!manifest) return {};
  const root = dirname(file);
  return {
    projects: {
      [root]: {
        name: declaredName(join(context.workspaceRoot, root)) ?? manifest.normalizedName,
        projectType: 'library',
        targets: pythonTargets(options),
        metadata: {
          technologies: ['python'],
          targetGroups: targetGroups(options),
        },
      },
    },
  };
}

export const createNodes: CreateNodes<PyrelPluginOptions> = [
  PYPROJECT_GLOB,
  (files, rawOptions, context) => {
    const options = normalizePluginOptions(rawOptions);
    return createNodesFromFiles((file, _o, ctx) => createNodesForPyproject(file, options, ctx), files, rawOptions, context);
  },
];
