import { createServer } from 'node:net';
import { PyrelError } from '../core/errors';
import { spawnPypiserver, type PypiserverOptions } from '../python/pypiserver';

export interface LocalIndex {
  /** Upload URL (pypiserver takes uploads at its root). */
  url: string;
  /** PEP 503 simple index, for `pip install --index-url`. */
  simpleUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export type LocalIndexOptions = Omit<PypiserverOptions, 'port' | 'host'> & { port?: number; readyTimeoutMs?: number };

export const LOCAL_INDEX_HOST = '127.0.0.1';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOCAL_INDEX_HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function isServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts pypiserver on 127.0.0.1 and resolves once its health endpoint answers; the caller stops it. */
export async function startLocalIndex(options: LocalIndexOptions): Promise<LocalIndex> {
  const port = options.port ?? (await freePort());
  const child = await spawnPypiserver({ ...options, host: LOCAL_INDEX_HOST, port });
  const url = `http://${LOCAL_INDEX_HOST}:${port}/`;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(killTimer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!(await isServing(`${url}health`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new PyrelError(`The local index did not start on ${url}.`, [
        exited ? `pypiserver exited with code ${child.exitCode}.` : 'It did not answer within the time limit.',
        'Check that the port is free, or pass another one.',
      ]);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, simpleUrl: `${url}simple/`, pid: child.pid as number, stop };
}
