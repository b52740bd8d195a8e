import type { ProjectGraph, Tree } from '@nx/devkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VersionActions, type AfterAllProjectsVersioned } from 'nx/release';
// Nx's wording for why a version changes, so our log lines read like its own.
import { BUMP_TYPE_REASON_TEXT } from 'nx/src/command-line/release/version/release-group-processor';
import { PyrelError } from '../core/errors';
import { isBumpKeyword, nextVersion, parsePreid } from '../core/pep440';
import { pluginOptionsFromNxJson } from '../core/plugin-options';
import { requirementName } from '../core/python-names';
import { requirementSpecifier } from '../core/requirement-pins';
import { resolveRepository } from '../core/repositories';
import { findStringSites } from '../core/toml-edit';
import { publishedVersions } from '../index/simple-api';
import { refreshUvLock } from '../python/uv-lock';
import { uvForWorkspace } from '../utils/executor-support';
import { diskFiles } from '../version/disk-files';
import { versionedProject, type VersionedProject } from '../version/project-facts';
import { treeFiles, writeToTree } from '../version/tree-files';
import { PendingWrites, planDependentWrites, planVersionWrites, uvLockDirectories } from '../version/version-plan';
import { currentVersion, readVersionSources } from '../version/version-sources';

/**
 * What this process versioned, by project: nx release hands a dependent the current version of
 * a dependency it did not bump too, and only a real bump should raise a pin. Also the pyproject
 * files changed, whose uv.lock files afterAllProjectsVersioned refreshes.
 */
const bumpedThisRun = new Map<string, string>();
const changedPyprojects = new Set<string>();


/**
 * nx release version actions for projects @pyrel/nx infers (Python, maturin, and the crates
 * they build from): PEP 440 versions instead of semver, every version source written together,
 * dependents' pins raised in their own specifier style.
 */
export default class PyrelVersionActions extends VersionActions {
  validManifestFilenames = ['pyproject.toml', 'Cargo.toml'];

  private get project(): VersionedProject {
    const node = this.projectGraphNode;
    const project = versionedProject(node.name, node.data);
    if (!project) throw new PyrelError(`${node.name} is not a project inferred by @pyrel/nx.`, ['Remove release.version.versionActions from its configuration, or add a pyproject.toml.']);
    return project;
  }

  async readCurrentVersionFromSourceManifest(tree: Tree): Promise<{ currentVersion: string; manifestPath: string }> {
    const project = this.project;
    const sources = readVersionSources(project, treeFiles(tree));
    return { currentVersion: currentVersion(project, sources), manifestPath: sources[0].source.file };
  }

  async readCurrentVersionFromRegistry(tree: Tree, metadata: Record<string, unknown> | undefined): Promise<{ currentVersion: string | null; logText: string } | null> {
    const { distribution } = this.project;
    if (!distribution) return null;
    const nxJson = JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}');
    const requested = typeof metadata?.['repository'] === 'string' ? metadata['repository'] : undefined;
    const repository = resolveRepository({ requested, prerelease: false, env: process.env, options: pluginOptionsFromNxJson(nxJson) });
    const versions = await publishedVersions(repository.indexUrl, distribution);
    return { currentVersion: versions.length ? versions[versions.length - 1] : null, logText: `index=${repository.indexUrl}` };
  }

  /** The dependent's requirement on the dependency (`>=1.2`), or null when it pins no version. */
  async readCurrentVersionOfDependency(tree: Tree, projectGraph: ProjectGraph, dependencyProjectName: string): Promise<{ currentVersion: string | null; dependencyCollection: string | null }> {
    const { pyproject } = this.project;
    const dependency = versionedProject(dependencyProjectName, projectGraph.nodes[dependencyProjectName]?.data);
    if (pyproject && dependency?.distribution && tree.exists(pyproject)) {
      for (const site of findStringSites(tree.read(pyproject, 'utf-8') ?? '', pyproject)) {
        if (typeof site.path[site.path.length - 1] !== 'number' || requirementName(site.value) !== dependency.distribution) continue;
        // `dependencies`, `optional-dependencies` or `dependency-groups`.
        const collection = String(site.path[0] === 'project' ? site.path[1] : site.path[0]);
        return { currentVersion: requirementSpecifier(site.value) || null, dependencyCollection: collection };
      }
    }
    // Cargo path dependencies carry no version nx release needs to see; their pins are raised below.
    return { currentVersion: dependency ? '*' : null, dependencyCollection: dependency?.crate ? 'cargo' : null };
  }

  async calculateNewVersion(current: string | null, newVersionInput: string, reason: string, reasonData: Record<string, unknown>, preid: string): Promise<{ newVersion: string; logText: string }> {
    if (current === null) {
      throw new PyrelError(`${this.projectGraphNode.name} has no current version.`, ['Set release.version.currentVersionResolver to "disk" (the default) or "registry".']);
    }
    const input = newVersionInput.replace(/^v(?=\d)/, '');
    const newVersion = nextVersion({ current, specifier: input, preid: preid ? parsePreid(preid) : undefined });
    const how = isBumpKeyword(input) ? `PEP 440 bump "${input}"${preid ? ` (preid ${preid})` : ''}` : `explicit PEP 440 version "${input}"`;
    const why = ((BUMP_TYPE_REASON_TEXT as Record<string, string>)[reason] ?? ', ').replace(/\{(\w+)\}/g, (_, key: string) => String(reasonData[key] ?? ''));
    return { newVersion, logText: `❓ Applied ${how}${why}to get new version ${newVersion}` };
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    const project = this.project;
    const files = treeFiles(tree);
    const writes = new PendingWrites(files);
    planVersionWrites(readVersionSources(project, files), newVersion, writes);
    const changed = writes.changed();
    writeToTree(tree, changed);
    bumpedThisRun.set(project.name, newVersion);
    for (const file of changed.keys()) if (file.endsWith('pyproject.toml')) changedPyprojects.add(file);
    return [...changed.keys()].map((file) => `✍️  New version ${newVersion} written to ${file}`);
  }

  async updateProjectDependencies(tree: Tree, projectGraph: ProjectGraph, dependenciesToUpdate: Record<string, string>): Promise<string[]> {
    const project = this.project;
    const writes = new PendingWrites(treeFiles(tree));
    const raised: string[] = [];
    for (const [name, version] of Object.entries(dependenciesToUpdate)) {
      const bumpedTo = bumpedThisRun.get(name);
      const dependency = versionedProject(name, projectGraph.nodes[name]?.data);
      // nx release prefixes `=` when our requirement reads `==…`; the version is what we compare.
      if (!dependency || bumpedTo === undefined || bumpedTo !== version.replace(/^[~^=]/, '')) continue;
      planDependentWrites(project, dependency, bumpedTo, writes);
      raised.push(`${name} ${bumpedTo}`);
    }
    const changed = writes.changed();
    writeToTree(tree, changed);
    for (const file of changed.keys()) if (file.endsWith('pyproject.toml')) changedPyprojects.add(file);
    return changed.size ? [`✍️  Raised the pins on ${raised.join(', ')} in ${[...changed.keys()].join(', ')}`] : [];
  }
}

/** Re-locks every uv.lock that records a pyproject.toml this run changed (the tree is on disk by now). */
export const afterAllProjectsVersioned: AfterAllProjectsVersioned = async (cwd, { dryRun }) => {
  const lockDirs = uvLockDirectories(changedPyprojects, diskFiles(cwd));
  changedPyprojects.clear();
  bumpedThisRun.clear();
  if (dryRun || lockDirs.length === 0) return { changedFiles: [], deletedFiles: [] };
  const nxJson = JSON.parse(readFileSync(join(cwd, 'nx.json'), 'utf8'));
  const uv = await uvForWorkspace(cwd, nxJson, process.env);
  for (const lockDir of lockDirs) await refreshUvLock({ uv, lockDir: join(cwd, lockDir), env: process.env });
  return { changedFiles: lockDirs.map((dir) => (dir === '.' ? 'uv.lock' : `${dir}/uv.lock`)), deletedFiles: [] };
};
