import type { LocalIndex, LocalIndexOptions } from '../../packages/nx/src/index/local-index';
import { startScriptServer } from './script-server';

/**
 * startLocalIndex in a child process (local-index-server.mjs), for callers that block on
 * synchronous commands while the index must answer; whoever starts it stops it by PID.
 */
export async function startLocalIndexProcess(options: Omit<LocalIndexOptions, 'env'>): Promise<LocalIndex> {
  const { child, value } = await startScriptServer('local-index-server.mjs', [JSON.stringify(options)], (stdout) => {
    const line = stdout.split('\n').find((text) => text.startsWith('{'));
    return line === undefined ? undefined : (JSON.parse(line) as Pick<LocalIndex, 'url' | 'simpleUrl' | 'pids'>);
  });
  const exited = new Promise<void>((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', () => resolve()) : resolve()));
  return {
    ...value,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
