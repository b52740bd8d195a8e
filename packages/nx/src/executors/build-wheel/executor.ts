import { logger, type ExecutorContext } from '@nx/devkit';
import { join } from 'node:path';
import { formatBytes } from '../../core/format';
import { buildWithUv } from '../../python/build';
import { projectUnderTask, reportFailures, uvFor } from '../../utils/executor-support';
import type { BuildWheelExecutorOptions } from './schema';

export default function buildWheelExecutor(_options: BuildWheelExecutorOptions, context: ExecutorContext) {
  return reportFailures(async () => {
    const project = projectUnderTask(context);
    const uv = await uvFor(context, process.env);
    const outDir = join(project.dir, 'dist');
    logger.info(`Building ${project.name} with uv build into ${project.root}/dist`);
    const artifacts = await buildWithUv({ uv, projectDir: project.dir, outDir, env: process.env });
    for (const artifact of artifacts) logger.info(`  built ${artifact.fileName} (${formatBytes(artifact.size)})`);
  });
}
