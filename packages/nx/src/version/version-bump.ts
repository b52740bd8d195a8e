import { logger, type NxJsonConfiguration } from '@nx/devkit';
import { join } from 'node:path';
import { bumpFromCommits, parseConventionalCommit, prependChangelogEntry, renderChangelogEntry, renderTag, type ConventionalCommit } from '../core/conventional-commits';
import { PyrelError } from '../core/errors';
import { nextVersion, parsePreid } from '../core/pep440';
import { pluginOptionsFromNxJson } from '../core/plugin-options';
import { resolveRepository } from '../core/repositories';
import { commitFiles, commitsSince, createTag, latestReleaseTag } from '../git/git';
import { publishedVersions } from '../index/simple-api';
import { refreshUvLock } from '../python/uv-lock';
import { commitWrites, restoreFiles } from './disk-files';
import type { VersionedProject } from './project-facts';
import { PendingWrites, planDependentWrites, planVersionWrites, uvLockDirectories } from './version-plan';
import { currentVersion, readVersionSources } from './version-sources';
import { joinPath, type WorkspaceFiles } from './workspace-files';

export interface VersionBumpRequest {
  workspaceRoot: string;
  project: VersionedProject;
  dependents: readonly VersionedProject[];
  files: WorkspaceFiles;
  /** `repository`: keep the new version above what this repository (name or URL) has; `indexUrl`: the same, for an index already resolved. */
  options: { bump?: string; preid?: string; repository?: string; indexUrl?: string; changelog?: boolean; releaseTagPattern: string };
  pluginOptions: NxJsonConfiguration | undefined;
}

export interface VersionBump {
  project: VersionedProject;
  current: string;
  next: string;
  tag: string;
  /** New text of every file the bump changes. */
  changed: Map<string, string>;
  originals: Map<string, string | null>;
}

/** The files whose history is the project's: its root and, for a maturin project, its crate's directory. */
function projectPaths(project: VersionedProject): string[] {
  if (!project.cargoManifest) return [project.root || '.'];
  const crateDir = project.cargoManifest.replace(/\/?Cargo\.toml$/, '') || '.';
  return [...new Set([project.root || '.', crateDir])];
}

async function commitsSinceLastRelease(root: string, project: VersionedProject, pattern: string): Promise<{ since: string | null; commits: ConventionalCommit[] }> {
  const last = await latestReleaseTag(root, pattern, project.name);
  const raw = await commitsSince(root, last?.tag ?? null, projectPaths(project));
  const commits = raw.map((c) => parseConventionalCommit(c.hash, c.message)).filter((c): c is ConventionalCommit => c !== null);
  return { since: last?.tag ?? null, commits };
}

/**
 * Everything a bump writes, computed before anything is written: the new version in every
 * source, dependents' pins, and optionally a CHANGELOG entry. Null when `--bump=auto` finds
 * nothing to release.
 */
export async function planVersionBump({ workspaceRoot, project, dependents, files, options, pluginOptions }: VersionBumpRequest): Promise<VersionBump | null> {
  if (!options.bump) {
    throw new PyrelError(`No --bump given for ${project.name}.`, ['Pass --bump=major|minor|patch|premajor|preminor|prepatch|prerelease|auto or an explicit version, e.g. `nx run mylib:version --bump=minor`.']);
  }
  const sources = readVersionSources(project, files);
  const current = currentVersion(project, sources);
  const history = options.bump === 'auto' || options.changelog ? await commitsSinceLastRelease(workspaceRoot, project, options.releaseTagPattern) : null;
  const specifier = options.bump === 'auto' ? history && bumpFromCommits(history.commits) : options.bump;
  if (!specifier) {
    logger.info(`${project.name} ${current}: no feat, fix, perf or breaking commits since ${history?.since ?? 'the first commit'}; nothing to release.`);
    return null;
  }
  const indexUrl = options.indexUrl ?? (options.repository ? resolveRepository({ requested: options.repository, prerelease: false, env: process.env, options: pluginOptionsFromNxJson(pluginOptions) }).indexUrl : undefined);
  const published = indexUrl && project.distribution ? await publishedVersions(indexUrl, project.distribution) : [];
  const next = nextVersion({ current, specifier, preid: options.preid === undefined ? undefined : parsePreid(options.preid), published });

  const writes = new PendingWrites(files);
  planVersionWrites(sources, next, writes);
  for (const dependent of dependents) planDependentWrites(dependent, project, next, writes);
  if (options.changelog && history) {
    const entry = renderChangelogEntry({ version: next, date: new Date().toISOString().slice(0, 10), commits: history.commits });
    writes.change(joinPath(project.root, 'CHANGELOG.md'), (text) => prependChangelogEntry(text, entry));
  }
  const tag = renderTag(options.releaseTagPattern, { projectName: project.name, version: next });
  return { project, current, next, tag, changed: writes.changed(), originals: writes.originals() };
}

export interface ApplyOptions {
  workspaceRoot: string;
  files: WorkspaceFiles;
  uv: () => Promise<string>;
  gitCommit?: boolean;
  gitTag?: boolean;
}

/**
 * Writes the bump (all files or none), re-locks uv.lock where a changed pyproject is locked, and
 * puts every file back if locking fails; then optionally commits and tags.
 */
export async function applyVersionBump(bump: VersionBump, { workspaceRoot, files, uv, gitCommit, gitTag }: ApplyOptions): Promise<void> {
  commitWrites(workspaceRoot, bump.changed);
  const lockDirs = uvLockDirectories(bump.changed.keys(), files);
  try {
    for (const lockDir of lockDirs) {
      await refreshUvLock({ uv: await uv(), lockDir: join(workspaceRoot, lockDir), env: process.env });
      logger.info(`  refreshed ${joinPath(lockDir, 'uv.lock')}`);
    }
  } catch (error) {
    restoreFiles(workspaceRoot, bump.originals);
    throw error instanceof PyrelError ? new PyrelError(error.title, [...error.bodyLines, 'Every file the bump changed was put back as it was.']) : error;
  }
  const lockFiles = lockDirs.map((dir) => joinPath(dir, 'uv.lock'));
  if (gitCommit) await commitFiles(workspaceRoot, [...bump.changed.keys(), ...lockFiles], `chore(release): ${bump.tag}`);
  if (gitTag) await createTag(workspaceRoot, bump.tag, `${bump.project.name} ${bump.next}`);
}
