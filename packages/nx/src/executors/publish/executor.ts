import { logger, type ExecutorContext } from '@nx/devkit';
import { join, relative } from 'node:path';
import { resolveCredentials } from '../../core/credentials';
import { PyrelError } from '../../core/errors';
import { formatBytes } from '../../core/format';
import { pluginOptionsFromNxJson } from '../../core/plugin-options';
import { resolveRepository, type Repository } from '../../core/repositories';
import { listArtifacts, type Artifact } from '../../python/build';
import { uploadWithUv } from '../../python/publish';
import { projectUnderTask, reportFailures, uvFor } from '../../utils/executor-support';
import type { PublishExecutorOptions } from './schema';

export default function publishExecutor(options: PublishExecutorOptions, context: ExecutorContext) {
  return reportFailures(async () => {
    const env = process.env;
    const dryRun = options.dryRun === true || env.NX_DRY_RUN === 'true';
    const project = projectUnderTask(context);
    const pluginOptions = pluginOptionsFromNxJson(context.nxJsonConfiguration);
    const repository = resolveRepository({ requested: options.repository, prerelease: false, env, options: pluginOptions });
    const distDir = join(project.dir, 'dist');
    const artifacts = listArtifacts(distDir);
    if (artifacts.length === 0) {
      throw new PyrelError(`Nothing to publish for ${project.name}: ${relative(context.root, distDir) || 'dist'} has no sdist or wheel.`, [
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
