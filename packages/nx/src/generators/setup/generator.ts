import { formatFiles, logger, readNxJson, updateNxJson, type NxJsonConfiguration, type Tree } from '@nx/devkit';
import { normalizePluginOptions, PLUGIN_NAME, type PyrelPluginOptions } from '../../core/plugin-options';
import { RELEASE_PROJECT_TAG } from '../../version/project-facts';
import { DEFAULT_RELEASE_TAG_PATTERN } from '../../version/release-tag';
import type { SetupGeneratorSchema } from './schema';

/** Written explicitly on first setup so users see which target names they can change. */
function defaultPluginOptions(): PyrelPluginOptions {
  const { versionTargetName, buildWheelTargetName, publishTargetName, repository, prereleaseRepository } = normalizePluginOptions(undefined);
  return { versionTargetName, buildWheelTargetName, publishTargetName, repository, prereleaseRepository };
}

/**
 * The projects nx release versions when nx.json names none. Nx's own default is public npm
 * libraries, which needs a package.json our projects do not have: keep (roughly) that default
 * through the `npm:public` tag Nx gives every public package.json, and add ours by our tag.
 */
export const DEFAULT_RELEASE_PROJECTS = [`tag:${RELEASE_PROJECT_TAG}`, 'tag:npm:public'];

/**
 * nx release settings Python packages need: a project set that includes them (see above); PEP
 * 440 versions are not semver, so release tags must not be required to be (`1.3.0b1`); a new
 * release config also versions each package on its own, as PyPI does. Our version actions come
 * with each inferred project, so JS projects of the same workspace keep theirs.
 */
function withReleaseConfig(release: NxJsonConfiguration['release']): NxJsonConfiguration['release'] {
  if (!release) {
    return { projects: DEFAULT_RELEASE_PROJECTS, projectsRelationship: 'independent', releaseTag: { pattern: DEFAULT_RELEASE_TAG_PATTERN, requireSemver: false } };
  }
  const chosenProjects = release.projects !== undefined || release.groups !== undefined;
  if (chosenProjects && !JSON.stringify([release.projects, release.groups]).includes(`"tag:${RELEASE_PROJECT_TAG}"`)) {
    logger.info(`@pyrel/nx: nx.json release already names its projects; add "tag:${RELEASE_PROJECT_TAG}" there for nx release to version the Python packages.`);
  }
  const releaseTag = release.releaseTag?.requireSemver !== undefined ? release.releaseTag : { ...release.releaseTag, requireSemver: false };
  return { ...(chosenProjects ? {} : { projects: DEFAULT_RELEASE_PROJECTS }), ...release, releaseTag };
}

/**
 * Registers the plugin in nx.json and its nx release settings; an existing registration, its
 * options and release settings a user chose are left as they are.
 */
export async function setupGenerator(tree: Tree, options: SetupGeneratorSchema): Promise<void> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (!registered) nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options: defaultPluginOptions() }];
  nxJson.release = withReleaseConfig(nxJson.release);
  updateNxJson(tree, nxJson);
  if (!options.skipFormat) await formatFiles(tree);
}

export default setupGenerator;
