import { formatFiles, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { normalizePluginOptions, PLUGIN_NAME, type PyrelPluginOptions } from '../../core/plugin-options';
import type { SetupGeneratorSchema } from './schema';

/** Written explicitly on first setup so users see which target names they can change. */
function defaultPluginOptions(): PyrelPluginOptions {
  const { buildWheelTargetName, publishTargetName, repository, prereleaseRepository } = normalizePluginOptions(undefined);
  return { buildWheelTargetName, publishTargetName, repository, prereleaseRepository };
}

/** Registers the plugin in nx.json once; an existing registration and its options are left as they are. */
export async function setupGenerator(tree: Tree, options: SetupGeneratorSchema): Promise<void> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (!registered) {
    nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options: defaultPluginOptions() }];
    updateNxJson(tree, nxJson);
  }
  if (!options.skipFormat) await formatFiles(tree);
}

export default setupGenerator;
