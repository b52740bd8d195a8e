import { logger, type ExecutorContext } from '@nx/devkit';
import { join, relative } from 'node:path';
import { resolveCredentials } from '../../core/credentials';
import { PyrelError } from '../../core/errors';
import { formatBytes } from '../../core/format';
import { pluginOptionsFromNxJson } from '../../core/plugin-options';
import { resolveRepository, type Repository } from '../../core/repositories';
import { versionOfDistributionFile } from '../../core/distribution-files';
import { buildProject } from '../../build/build-project';
import { listArtifacts, type Artifact } from '../../python/build';
import { uploadWithUv } from '../../python/publish';
import { projectUnderTask, pythonProjectUnderTask, pythonToolsFor, reportFailures, uvFor, type ProjectUnderTask } from '../../utils/executor-support';
import { diskFiles } from '../../version/disk-files';
import { versionedProject } from '../../version/project-facts';
import { declaredVersion } from '../../version/version-sources';
import type { PublishExecutorOptions } from './schema';

export default function publishExecutor(options: PublishExecutorOptions, context: ExecutorContext) {
  return reportFailures(async () => {
    const env = process.env;
    const dryRun = options.dryRun === true || env.NX_DRY_RUN === 'true';
    const project = projectUnderTask(context);
    const pluginOptions = pluginOptionsFromNxJson(context.nxJsonConfiguration);
    const repository = resolveRepository({ requested: options.repository ?? options.registry, prerelease: false, env, options: pluginOptions });
    const distDir = join(project.dir, 'dist');
    const release = releaseUnderTask(context, project);
    let artifacts = artifactsOf(listArtifacts(distDir), release);
    if (artifacts.length === 0 && release) {
      // `nx release publish --projects=…` runs nx-release-publish without its build dependency,
      // so dist can be missing or hold the previous version: build the current one here.
      const reason = `${relative(context.root, distDir)} has no sdist or wheel of ${release.distribution} ${release.version}`;
      if (dryRun) {
        logger.info(`[dry run] ${reason}; a real run would build it first.`);
        return;
      }
      logger.info(`${reason}; building it first.`);
      const tools = await pythonToolsFor(context, env);
      const buildOptions = context.projectsConfigurations.projects[project.name].targets?.[pluginOptions.buildWheelTargetName]?.options ?? {};
      artifacts = artifactsOf(await buildProject({ workspaceRoot: context.root, project: pythonProjectUnderTask(context), projectGraph: context.projectGraph, ...tools, options: buildOptions, env }), release);
    }
    if (artifacts.length === 0) {
      throw new PyrelError(`Nothing to publish for ${project.name}: ${relative(context.root, distDir) || 'dist'} has no sdist or wheel${release ? ` of version ${release.version}` : ''}.`, [
        `Build it first with \`nx run ${project.name}:${pluginOptions.buildWheelTargetName}\`; \`nx run ${project.name}:${pluginOptions.publishTargetName}\` builds it too through dependsOn.`,
      ]);
    }

    if (dryRun) {
      printPlan('[dry run] would publish', project.name, repository, artifacts, describeCredentials(repository, env));
      return;
    }
    const credentials = resolveCredentials(repository, env);
    printPlan('Publishing', project.name, repository, artifacts, credentials.source);
    const uv = await uvFor(context, env);
    await uploadWithUv({ uv, files: artifacts.map((a) => a.path), repository, credentials, env, cwd: project.dir });
    logger.info(`Published ${artifacts.length} file(s) of ${project.name} to ${repository.indexUrl}`);
  });
}

interface ReleaseUnderTask {
  distribution: string;
  version: string;
}

/** The distribution and version the project's files declare now; null when the build backend computes the version. */
function releaseUnderTask(context: ExecutorContext, project: ProjectUnderTask): ReleaseUnderTask | null {
  const versioned = versionedProject(project.name, context.projectGraph?.nodes[project.name]?.data);
  if (!versioned?.distribution) return null;
  const version = declaredVersion(versioned, diskFiles(context.root));
  return version === null ? null : { distribution: versioned.distribution, version };
}

/** Only files of the version being released: a stale dist must never publish an older version. */
function artifactsOf(artifacts: readonly Artifact[], release: ReleaseUnderTask | null): Artifact[] {
  return release ? artifacts.filter((a) => versionOfDistributionFile(a.fileName, release.distribution) === release.version) : [...artifacts];
}

function printPlan(verb: string, projectName: string, repository: Repository, artifacts: readonly Artifact[], credentialSource: string): void {
  logger.info(`${verb} ${projectName} to ${repository.name} (${repository.uploadUrl}), credentials: ${credentialSource}`);
  for (const artifact of artifacts) {
    logger.info(`  ${artifact.fileName}  ${formatBytes(artifact.size)}  -> ${repository.indexUrl}`);
  }
}

/** In a dry run, missing credentials are reported, not fatal: the plan is still worth seeing. */
function describeCredentials(repository: Repository, env: NodeJS.ProcessEnv): string {
  try {
    return resolveCredentials(repository, env).source;
  } catch (error) {
    return `none found (a real run would fail: ${error instanceof PyrelError ? error.title : String(error)})`;
  }
}
