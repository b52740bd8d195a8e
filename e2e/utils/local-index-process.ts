import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LocalIndex, LocalIndexOptions } from '../../packages/nx/src/index/local-index';

/**
 * startLocalIndex in a child process (local-index-server.mjs), for callers that block on
 * synchronous commands while the index must answer; whoever starts it stops it by PID.
 */
export function startLocalIndexProcess(options: Omit<LocalIndexOptions, 'env'>): Promise<LocalIndex> {
  const child = spawn(process.execPath, [join(__dirname, 'local-index-server.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`the local index exited with ${code} before it answered:\n${output}`)));
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const line = output.split('\n').find((text) => text.startsWith('{'));
      if (!line) return;
      const { url, simpleUrl, pids } = JSON.parse(line) as Pick<LocalIndex, 'url' | 'simpleUrl' | 'pids'>;
      resolve({
        url,
        simpleUrl,
        pids,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
