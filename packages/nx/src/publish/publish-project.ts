import { logger, type ExecutorContext } from '@nx/devkit';
import { join, relative } from 'node:path';
import { renderTag } from '../core/conventional-commits';
import { resolveCredentials, type Credentials } from '../core/credentials';
import { versionOfDistributionFile } from '../core/distribution-files';
import { PyrelError } from '../core/errors';
import { pluginOptionsFromNxJson } from '../core/plugin-options';
import { resolveRepository, type Repository } from '../core/repositories';
import { buildProject } from '../build/build-project';
import { listArtifacts, type Artifact } from '../python/build';
import { pyrelCacheDir } from '../python/cache-dir';
import { uploadWithUv } from '../python/publish';
import { uploadWithTwine } from '../python/twine-upload';
import { publishRelease } from './publish-release';
import { readPypirc } from './pypirc-file';
import { dependentsOf, pythonProjectUnderTask, pythonToolsFor, uvFor } from '../utils/executor-support';
import { diskFiles } from '../version/disk-files';
import { releaseTagPattern } from '../version/release-tag';
import { applyVersionBump, planVersionBump } from '../version/version-bump';
import { declaredVersion } from '../version/version-sources';
import type { PublishExecutorOptions } from '../executors/publish/schema';
import type { IndexFiles } from '../index/index-reader';

/** Only files of the version being released: a stale dist must never publish an older version. */
const artifactsOf = (artifacts: readonly Artifact[], distribution: string, version: string | null) =>
  version === null ? [...artifacts] : artifacts.filter((a) => versionOfDistributionFile(a.fileName, distribution) === version);

/** The credentials of an upload, or why there are none: only an upload needs them, and a dry run or an all-skip run still prints its plan. */
function credentialsFor(repository: Repository, env: NodeJS.ProcessEnv): Credentials | PyrelError {
  try {
    return resolveCredentials(repository, env, readPypirc(env));
  } catch (error) {
    if (error instanceof PyrelError) return error;
    throw error;
  }
}

/** The repository a publish with these options goes to. */
export function publishRepository(options: PublishExecutorOptions, context: ExecutorContext, env: NodeJS.ProcessEnv): Repository {
  return resolveRepository({ requested: options.repository ?? options.registry, prerelease: options.prerelease === true, env, options: pluginOptionsFromNxJson(context.nxJsonConfiguration) });
}

/**
 * One project's publish: its files of the current version (built first when dist has none, or
 * after the bump of --prerelease), then the idempotent upload, verification and tag.
 * `indexFiles` reads the index (a batch shares one reader that asks for all projects at once).
 */
export async function publishProject(options: PublishExecutorOptions, context: ExecutorContext, indexFiles: IndexFiles): Promise<void> {
  const env = process.env;
  const dryRun = options.dryRun === true || env.NX_DRY_RUN === 'true';
  const project = pythonProjectUnderTask(context);
  const pluginOptions = pluginOptionsFromNxJson(context.nxJsonConfiguration);
  const prerelease = options.prerelease === true;
  const repository = publishRepository(options, context, env);
  const tagPattern = releaseTagPattern(options.releaseTagPattern, context.nxJsonConfiguration);
  const files = diskFiles(context.root);
  const cwd = join(context.root, project.root);
  const distDir = join(cwd, 'dist');
  const build = async () => {
    const buildOptions = context.projectsConfigurations.projects[project.name].targets?.[pluginOptions.buildWheelTargetName]?.options ?? {};
    return buildProject({ workspaceRoot: context.root, project, projectGraph: context.projectGraph, ...(await pythonToolsFor(context, env)), options: buildOptions, env });
  };

  let version = declaredVersion(project, files);
  let artifacts = artifactsOf(listArtifacts(distDir), project.distribution, version);
  if (prerelease) {
    const bump = await planVersionBump({
      workspaceRoot: context.root,
      project,
      dependents: dependentsOf(context, project.name),
      files,
      options: { bump: 'prerelease', preid: options.preid, indexUrl: repository.indexUrl, releaseTagPattern: tagPattern },
      pluginOptions: context.nxJsonConfiguration,
    });
    if (!bump) throw new PyrelError(`${project.name} has no version to bump.`, ['--prerelease needs a version in pyproject.toml (or Cargo.toml for maturin projects).']);
    const { next } = bump;
    if (dryRun) {
      logger.info(`[dry run] would bump ${project.name} ${version} -> ${next} (${[...bump.changed.keys()].join(', ')}), build it and publish it to ${repository.name} (${repository.uploadUrl}).`);
      return;
    }
    logger.info(`Pre-release: ${project.name} ${version} -> ${next}`);
    await applyVersionBump(bump, { workspaceRoot: context.root, files, uv: () => uvFor(context, env) });
    version = next;
    artifacts = artifactsOf(await build(), project.distribution, version);
  } else if (artifacts.length === 0 && version !== null) {
    // `nx release publish --projects=…` runs nx-release-publish without its build dependency,
    // so dist can be missing or hold the previous version: build the current one here.
    const reason = `${relative(context.root, distDir)} has no sdist or wheel of ${project.distribution} ${version}`;
    if (dryRun) {
      logger.info(`[dry run] ${reason}; a real run would build it first.`);
      return;
    }
    logger.info(`${reason}; building it first.`);
    artifacts = artifactsOf(await build(), project.distribution, version);
  }
  // A version the build backend computes (hatch-vcs) is read from the built files' names.
  const builtVersions = new Set(artifacts.map((a) => versionOfDistributionFile(a.fileName, project.distribution)));
  if (version === null && builtVersions.size > 1) {
    throw new PyrelError(`${relative(context.root, distDir)} holds files of several versions of ${project.distribution}: ${[...builtVersions].join(', ')}.`, [
      `Build again with \`nx run ${project.name}:${pluginOptions.buildWheelTargetName}\`, which empties dist first.`,
    ]);
  }
  version ??= [...builtVersions][0] ?? null;
  if (artifacts.length === 0 || version === null) {
    throw new PyrelError(`Nothing to publish for ${project.name}: ${relative(context.root, distDir) || 'dist'} has no sdist or wheel${version ? ` of version ${version}` : ''}.`, [
      `Build it first with \`nx run ${project.name}:${pluginOptions.buildWheelTargetName}\`; \`nx run ${project.name}:${pluginOptions.publishTargetName}\` builds it too through dependsOn.`,
    ]);
  }

  const credentials = credentialsFor(repository, env);
  await publishRelease({
    workspaceRoot: context.root,
    release: { projectName: project.name, distribution: project.distribution, version, artifacts },
    repository,
    upload: async (paths) => {
      if (credentials instanceof PyrelError) throw credentials;
      const uv = await uvFor(context, env);
      if (options.uploader === 'twine') {
        await uploadWithTwine({ uv, cacheDir: pyrelCacheDir(context.root, env), files: paths, repository, credentials, env, cwd });
      } else {
        await uploadWithUv({ uv, files: paths, repository, credentials, env, cwd });
      }
    },
    credentialSource: credentials instanceof PyrelError ? `none found (a real run would fail: ${credentials.title})` : credentials.source,
    uv: () => uvFor(context, env),
    env,
    cwd,
    dryRun,
    strict: options.strict === true,
    verify: options.verify !== false,
    verifyPublished: options.verifyPublished === true,
    prerelease,
    gitTag: options.gitTag ? renderTag(tagPattern, { projectName: project.name, version }) : null,
    indexFiles,
  });
}
