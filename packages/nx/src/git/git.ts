import { PyrelError } from '../core/errors';
import { compareVersions } from '../core/pep440';
import { tagGlob, versionFromTag } from '../core/conventional-commits';
import { run, RunOptions } from '../python/run';

const COMMIT_HINT = 'Check `git status`; set user.name and user.email if git asks for them.';

function git(cwd: string, args: readonly string[], options: Partial<RunOptions> = {}) {
  return run('git', args, { cwd, env: process.env, hint: 'Check that git is installed and that this is a git repository.', ...options });
}

/** A freshly initialised repository has no HEAD yet; there is nothing released or committed. */
async function hasHead(cwd: string): Promise<boolean> {
  // 128: not a git repository at all, which has no HEAD either.
  const result = await git(cwd, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [0, 1, 128] });
  return result.exitCode === 0;
}

/** The highest-versioned tag of this project reachable from HEAD. */
export async function latestReleaseTag(cwd: string, pattern: string, projectName: string): Promise<{ tag: string; version: string } | null> {
  if (!(await hasHead(cwd))) return null;
  const { stdout } = await git(cwd, ['tag', '--list', tagGlob(pattern, projectName), '--merged', 'HEAD']);
  let latest: { tag: string; version: string } | null = null;
  for (const tag of stdout.split('\n').map((line) => line.trim())) {
    const version = tag ? versionFromTag(pattern, projectName, tag) : null;
    if (version !== null && (latest === null || compareVersions(version, latest.version) > 0)) latest = { tag, version };
  }
  return latest;
}

/** Commits after `sinceRef` (all when null) touching `paths`, oldest first. */
export async function commitsSince(cwd: string, sinceRef: string | null, paths: readonly string[]): Promise<{ hash: string; message: string }[]> {
  if (!(await hasHead(cwd))) return [];
  const range = sinceRef === null ? 'HEAD' : `${sinceRef}..HEAD`;
  const { stdout } = await git(cwd, ['log', '--format=%H%x00%B%x1e', '--reverse', range, '--', ...paths]);
  return stdout
    .split('\x1e')
    .map((record) => record.trim())
    .filter((record) => record.includes('\0'))
    .map((record) => {
      const separator = record.indexOf('\0');
      return { hash: record.slice(0, separator), message: record.slice(separator + 1).trim() };
    });
}

/** Seconds since the epoch of HEAD's commit; null outside a repository or before its first commit. */
export async function lastCommitTimestamp(cwd: string): Promise<number | null> {
  if (!(await hasHead(cwd))) return null;
  const { stdout } = await git(cwd, ['log', '-1', '--format=%ct']);
  return Number(stdout.trim());
}

/** Commits exactly `files` (other staged changes stay staged) and returns the new HEAD hash. */
export async function commitFiles(cwd: string, files: readonly string[], message: string): Promise<string> {
  // `git commit --` with no paths would commit everything staged.
  if (files.length === 0) throw new PyrelError('No files to commit.', [COMMIT_HINT]);
  await git(cwd, ['add', '--', ...files], { hint: COMMIT_HINT });
  await git(cwd, ['commit', '--message', message, '--', ...files], { hint: COMMIT_HINT });
  const { stdout } = await git(cwd, ['rev-parse', 'HEAD'], { hint: COMMIT_HINT });
  return stdout.trim();
}

export async function tagExists(cwd: string, tag: string): Promise<boolean> {
  const existing = await git(cwd, ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { okExitCodes: [0, 1] });
  return existing.exitCode === 0;
}

export async function createTag(cwd: string, tag: string, message?: string): Promise<void> {
  if (await tagExists(cwd, tag)) {
    throw new PyrelError(`Tag ${tag} already exists.`, [`Delete it with \`git tag -d ${tag}\` if it was never pushed, or bump to a new version.`]);
  }
  await git(cwd, ['tag', '--annotate', tag, '--message', message ?? tag]);
}
