import { logger, type ExecutorContext } from '@nx/devkit';
import { resolve } from 'node:path';
import { LOCAL_INDEX_PASSWORD, LOCAL_INDEX_USERNAME } from '../../core/credentials';
import { startLocalIndex, type LocalIndex } from '../../index/local-index';
import { pythonToolsFor, reportFailures } from '../../utils/executor-support';
import type { LocalIndexExecutorOptions } from './schema';

/**
 * A continuous target: starts pypiserver, reports success once it answers (so tasks that depend
 * on it can start), and serves until Nx or the user stops it with SIGINT or SIGTERM, then stops
 * the server it started.
 */
export default async function* localIndexExecutor(options: LocalIndexExecutorOptions, context: ExecutorContext): AsyncGenerator<{ success: boolean; baseUrl?: string }> {
  let index: LocalIndex | undefined;
  const started = await reportFailures(async () => {
    const { uv, cacheDir } = await pythonToolsFor(context, process.env);
    const dataDir = resolve(context.root, options.dataDir ?? 'tmp/local-index');
    index = await startLocalIndex({ uv, cacheDir, dataDir, port: options.port, env: process.env });
    logger.info(`Local index serving ${dataDir}`);
    logger.info(`  upload URL:   ${index.url}`);
    logger.info(`  simple index: ${index.simpleUrl}`);
    logger.info(`  credentials:  none needed (uv and twine get ${LOCAL_INDEX_USERNAME} / ${LOCAL_INDEX_PASSWORD} from @pyrel/nx)`);
    logger.info(`  add it to the plugin options: "repositories": { "local": { "url": "${index.url}", "indexUrl": "${index.simpleUrl}" } }`);
    logger.info('Stop with Ctrl-C.');
  });
  if (!started.success || !index) {
    yield { success: false };
    return;
  }
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  yield { success: true, baseUrl: index.url };
  await stopped;
  await index.stop();
}
