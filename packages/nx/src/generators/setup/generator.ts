import { formatFiles, logger, readNxJson, updateNxJson, type NxJsonConfiguration, type Tree } from '@nx/devkit';
import { normalizePluginOptions, PLUGIN_NAME, pluginOptionsFromNxJson, type PyrelPluginOptions } from '../../core/plugin-options';
import { RELEASE_PROJECT_TAG } from '../../version/project-facts';
import { DEFAULT_RELEASE_TAG_PATTERN } from '../../version/release-tag';
import { RELEASE_WORKFLOW_PATH, releaseWorkflow } from './release-workflow';
import type { SetupGeneratorSchema } from './schema';
import { writeGeneratedFile, type WorkflowWrite } from './workflow-file';
import { packageManagerFromLockFiles, type ReleaseWorkflowModel } from './workflow-model';
import { detectProjects, type DetectedProjects } from './workspace-projects';

/** Written explicitly on first setup so users see which target names they can change. */
function defaultPluginOptions(): PyrelPluginOptions {
  const { versionTargetName, buildWheelTargetName, publishTargetName, testTargetName, repository, prereleaseRepository } = normalizePluginOptions(undefined);
  return { versionTargetName, buildWheelTargetName, publishTargetName, testTargetName, repository, prereleaseRepository };
}

/** Adds our plugin entry (with its default options) unless nx.json already has one; true when added. */
export function registerPlugin(nxJson: NxJsonConfiguration): boolean {
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME)) return false;
  nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options: defaultPluginOptions() }];
  return true;
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
function withReleaseConfig(release: NxJsonConfiguration['release'], tagPattern: string | undefined): NxJsonConfiguration['release'] {
  if (!release) {
    return { projects: DEFAULT_RELEASE_PROJECTS, projectsRelationship: 'independent', releaseTag: { pattern: tagPattern ?? DEFAULT_RELEASE_TAG_PATTERN, requireSemver: false } };
  }
  const chosenProjects = release.projects !== undefined || release.groups !== undefined;
  if (chosenProjects && !JSON.stringify([release.projects, release.groups]).includes(`"tag:${RELEASE_PROJECT_TAG}"`)) {
    logger.info(`@pyrel/nx: nx.json release already names its projects; add "tag:${RELEASE_PROJECT_TAG}" there for nx release to version the Python packages.`);
  }
  const withPattern = tagPattern && !release.releaseTag?.pattern ? { ...release.releaseTag, pattern: tagPattern } : release.releaseTag;
  const releaseTag = withPattern?.requireSemver !== undefined ? withPattern : { ...withPattern, requireSemver: false };
  return { ...(chosenProjects ? {} : { projects: DEFAULT_RELEASE_PROJECTS }), ...release, releaseTag };
}

/** Executor defaults a user may change in one place; values already there are kept. */
function withTargetDefaults(targetDefaults: NxJsonConfiguration['targetDefaults'], options: SetupGeneratorSchema): NxJsonConfiguration['targetDefaults'] {
  const defaults = { ...targetDefaults };
  for (const executor of ['@pyrel/nx:version', '@pyrel/nx:publish']) {
    const current = defaults[executor] ?? {};
    // The array form (filtered entries) is the user's own design; leave it alone.
    if (Array.isArray(current)) continue;
    if (current.options?.preid === undefined) defaults[executor] = { ...current, options: { ...current.options, preid: options.preid ?? 'rc' } };
  }
  return defaults;
}

function describeProjects(detected: DetectedProjects): string {
  if (detected.python.length === 0) return '@pyrel/nx: no Python projects yet; `nx g @pyrel/nx:pyproject libs/mylib` creates one.';
  const lines = detected.python.map((p) => `  ${p.name} (${p.root})${p.maturin ? ' maturin' : ''}`);
  if (detected.crates.length > 0) lines.push(`  Cargo crates built into them: ${detected.crates.join(', ')}`);
  return [`@pyrel/nx: found ${detected.python.length} Python project(s), dependencies first:`, ...lines].join('\n');
}

const WORKFLOW_MESSAGES: Record<WorkflowWrite, string> = {
  created: `@pyrel/nx: wrote ${RELEASE_WORKFLOW_PATH}.`,
  updated: `@pyrel/nx: updated ${RELEASE_WORKFLOW_PATH} for the projects above.`,
  unchanged: `@pyrel/nx: ${RELEASE_WORKFLOW_PATH} is up to date.`,
  'kept-edited': `@pyrel/nx: ${RELEASE_WORKFLOW_PATH} was edited since setup wrote it; kept as is (pass --force to replace it).`,
};

/** PyPI keys a trusted publisher on (repository, workflow, environment): what to register for each package. */
function trustedPublishers(model: ReleaseWorkflowModel): string {
  const workflow = RELEASE_WORKFLOW_PATH.split('/').pop();
  const environment = (base: string, project: string) => (model.environmentPerProject ? `${base}-${project}` : base);
  return [
    `@pyrel/nx: trusted publishers to add (PyPI and TestPyPI -> project -> Publishing; workflow ${workflow}), and GitHub environments of the same names:`,
    ...model.projects.map((p) => `  ${p.name}: environment ${environment(model.repository, p.name)} on ${model.repository}, ${environment(model.prereleaseRepository, p.name)} on ${model.prereleaseRepository}`),
  ].join('\n');
}

/**
 * Registers the plugin in nx.json with its executor defaults and nx release settings, lists the
 * projects it will infer and writes the release workflow. Settings a user chose are left as they
 * are, and a second run changes nothing.
 */
export async function setupGenerator(tree: Tree, options: SetupGeneratorSchema): Promise<void> {
  const nxJson = readNxJson(tree) ?? {};
  registerPlugin(nxJson);
  nxJson.release = withReleaseConfig(nxJson.release, options.releaseTagPattern);
  nxJson.targetDefaults = withTargetDefaults(nxJson.targetDefaults, options);
  updateNxJson(tree, nxJson);

  const detected = detectProjects(tree);
  logger.info(describeProjects(detected));
  if (options.workflow !== false) {
    const pluginOptions = pluginOptionsFromNxJson(nxJson);
    const model: ReleaseWorkflowModel = {
      projects: detected.python,
      uvWorkspace: detected.uvWorkspace,
      packageManager: packageManagerFromLockFiles((file) => tree.exists(file)),
      repository: pluginOptions.repository,
      prereleaseRepository: pluginOptions.prereleaseRepository,
      environmentPerProject: options.environmentPerProject === true,
      buildWheelTargetName: pluginOptions.buildWheelTargetName,
      publishTargetName: pluginOptions.publishTargetName,
      testTargetName: pluginOptions.testTargetName,
    };
    const written = writeGeneratedFile(tree, RELEASE_WORKFLOW_PATH, releaseWorkflow(model), options.force === true);
    logger.info(WORKFLOW_MESSAGES[written]);
    if ((written === 'created' || written === 'updated') && model.projects.length > 0) logger.info(trustedPublishers(model));
  }
  if (!options.skipFormat) await formatFiles(tree);
}

export default setupGenerator;
