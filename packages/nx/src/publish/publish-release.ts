import { logger } from '@nx/devkit';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PyrelError } from '../core/errors';
import { formatBytes, formatTable } from '../core/format';
import type { Repository } from '../core/repositories';
import { planUpload, type FileDecision, type UploadPlan } from '../core/upload-plan';
import { topLevelModules } from '../core/wheel-contents';
import { readWheel } from '../build/wheel-file';
import type { IndexFiles } from '../index/index-reader';
import { createTag, tagExists } from '../git/git';
import type { Artifact } from '../python/build';
import { smokeTest } from '../python/smoke';

export interface ReleaseUnderPublish {
  projectName: string;
  distribution: string;
  version: string;
  artifacts: readonly Artifact[];
}

export interface PublishRequest {
  workspaceRoot: string;
  release: ReleaseUnderPublish;
  repository: Repository;
  /** Uploads files with the chosen uploader; credentials are resolved only then, so a dry run or an all-skip run needs none. */
  upload: (files: readonly string[]) => Promise<void>;
  credentialSource: string;
  uv: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  dryRun: boolean;
  strict: boolean;
  verify: boolean;
  /** Verify even when the version was already on the index (a post-publish job). */
  verifyPublished: boolean;
  /** Install with pre-releases allowed (a pre-release is verified the way its users get it). */
  prerelease: boolean;
  /** Tag to create after upload and verification, or null for none. */
  gitTag: string | null;
  indexFiles: IndexFiles;
}

const DECISION_LABELS: Record<FileDecision, string> = { upload: 'upload', present: 'already on the index, same bytes', conflict: 'ON THE INDEX WITH OTHER BYTES' };

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function printPlan(verb: string, request: PublishRequest, plan: UploadPlan): void {
  const { release, repository } = request;
  logger.info(`${verb} ${release.projectName} ${release.version} to ${repository.name} (${repository.uploadUrl}), credentials: ${request.credentialSource}`);
  const sizes = new Map(release.artifacts.map((a) => [a.fileName, a.size]));
  const rows = plan.files.map((file) => [file.fileName, formatBytes(sizes.get(file.fileName) ?? 0), DECISION_LABELS[file.decision], `-> ${repository.indexUrl}`]);
  formatTable([['file', 'size', 'decision', 'index'], ...rows]).forEach((line) => logger.info(`  ${line}`));
  for (const name of plan.onlyOnIndex) logger.info(`  (${name} is on the index and was not built here; left as is)`);
}

/** Installs `name==version` back from the index and smoke-tests it like build-wheel --smoke does. */
async function verifyFromIndex(request: PublishRequest): Promise<void> {
  const { release, repository, env } = request;
  const wheel = release.artifacts.find((a) => a.fileName.endsWith('.whl'));
  const contents = wheel ? readWheel(wheel.path, relative(request.workspaceRoot, wheel.path)) : null;
  const requirement = `${release.distribution}==${release.version}`;
  await smokeTest({
    uv: await request.uv(),
    // The index first, then the default index for third-party dependencies; --refresh so a page cached before the upload is not reused.
    install: ['--extra-index-url', repository.indexUrl, '--refresh-package', release.distribution, ...(request.prerelease ? ['--prerelease', 'allow'] : []), requirement],
    installed: `${requirement} from ${repository.name}`,
    installAttempts: 5,
    installHint: `${requirement} did not install from ${repository.indexUrl}. An index can take a minute to list a new upload; run publish again to verify (nothing is uploaded twice).`,
    modules: contents ? topLevelModules(contents.entries) : [],
    scripts: contents?.consoleScripts ?? [],
    cwd: request.cwd,
    env,
    report: (line) => logger.info(`  verify ${line.replace(/^smoke: /, '')}`),
  });
}

async function tagRelease(request: PublishRequest): Promise<void> {
  const tag = request.gitTag as string;
  if (await tagExists(request.workspaceRoot, tag)) {
    logger.info(`  git tag ${tag} already exists; left as is.`);
    return;
  }
  await createTag(request.workspaceRoot, tag, `${request.release.projectName} ${request.release.version}`);
  logger.info(`  tagged ${tag}`);
}

/**
 * Publishes one release idempotently: asks the index which files of this version it already
 * has, uploads only the missing ones, then verifies by installing from the index and, last,
 * tags. A version the index holds with other bytes is skipped with a warning (an error with
 * strict), since files on an index can never be replaced.
 */
export async function publishRelease(request: PublishRequest): Promise<void> {
  const { release, repository } = request;
  const local = release.artifacts.map((a) => ({ fileName: a.fileName, sha256: sha256Of(a.path) }));
  const plan = planUpload(local, await request.indexFiles(repository.indexUrl, release.distribution), release.distribution, release.version);
  printPlan(request.dryRun ? '[dry run] would publish' : 'Publishing', request, plan);

  if (plan.outcome === 'conflict') {
    const message = `${release.distribution} ${release.version} is already on ${repository.name} with different files.`;
    const advice = ['An index never replaces a file. Bump the version (nx run <project>:version --bump=patch) to publish this build.'];
    if (request.strict) throw new PyrelError(message, advice);
    logger.warn(`${message} Skipped. ${advice[0]}`);
    return;
  }
  if (plan.outcome === 'already-published') {
    logger.info(`${release.projectName} ${release.version} is already published on ${repository.name}; nothing to upload.`);
    if (request.dryRun) return;
    // No tag yet means an earlier run uploaded but did not get to verify: finish its job, in order.
    const untagged = request.gitTag !== null && !(await tagExists(request.workspaceRoot, request.gitTag));
    if (request.verify && (untagged || request.verifyPublished)) await verifyFromIndex(request);
    if (untagged) await tagRelease(request);
    return;
  }
  if (request.dryRun) {
    logger.info(`[dry run] nothing uploaded${request.verify ? '; a real run would then install it back from the index to verify' : ''}${request.gitTag ? ` and tag ${request.gitTag}` : ''}.`);
    return;
  }
  const uploads = plan.files.filter((file) => file.decision === 'upload').map((file) => release.artifacts.find((a) => a.fileName === file.fileName) as Artifact);
  await request.upload(uploads.map((a) => a.path));
  logger.info(`Published ${uploads.length} file(s) of ${release.projectName} ${release.version} to ${repository.indexUrl}`);
  if (request.verify) await verifyFromIndex(request);
  if (request.gitTag) await tagRelease(request);
}
