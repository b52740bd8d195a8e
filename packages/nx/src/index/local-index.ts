import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { PyrelError } from '../core/errors';
import { ensurePypiserverEnv, spawnPypiserver, type PypiserverOptions } from '../python/pypiserver';
import { startIndexBalancer, type IndexBalancer } from './index-balancer';

export interface LocalIndex {
  /** Upload URL (pypiserver takes uploads at its root). */
  url: string;
  /** PEP 503 simple index, for `pip install --index-url`. */
  simpleUrl: string;
  /** The pypiserver processes serving it. */
  pids: number[];
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

/**
 * pypiserver processes behind one local index. A page costs pypiserver ~9 ms of CPU (it lists its
 * whole directory in Python), so one process serves pages one at a time however many threads it
 * has; several processes serve them side by side (200 pages read 4 at a time from 2: 1.3 s,
 * against 1.9 s from one). One per core, 2 to 4.
 */
export const LOCAL_INDEX_SERVERS = Math.min(4, Math.max(2, availableParallelism()));

/** Stops one server: SIGTERM, then SIGKILL if it has not exited within 5 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}

/**
 * Starts the local index on 127.0.0.1: LOCAL_INDEX_SERVERS pypiserver processes on the same data
 * directory, each on a port of its own, behind a balancer on the index's port (all uploads land
 * in the one directory every process lists, so any of them answers for all). Resolves once every
 * server answers; the caller stops it. The servers are separate leaf processes, not workers of a
 * master that would replace them, so Nx stopping a task's process tree (leaves first) stops them.
 */
export async function startLocalIndex(options: LocalIndexOptions): Promise<LocalIndex> {
  await ensurePypiserverEnv(options); // once, before the servers start side by side
  const serverPorts: number[] = [];
  while (serverPorts.length < LOCAL_INDEX_SERVERS) {
    const port = await freePort();
    if (!serverPorts.includes(port) && port !== options.port) serverPorts.push(port);
  }
  const servers = await Promise.all(serverPorts.map((port) => spawnPypiserver({ ...options, host: LOCAL_INDEX_HOST, port })));
  let balancer: IndexBalancer | undefined;
  const stop = async () => {
    await balancer?.close();
    await Promise.all(servers.map(stopServer));
  };
  const failure = async (reason: string) => {
    await stop();
    return new PyrelError(`The local index did not start on ${LOCAL_INDEX_HOST}:${options.port ?? 'a free port'}.`, [reason, 'Check that the port is free, or pass another one.']);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (const [index, port] of serverPorts.entries()) {
    while (!(await isServing(`http://${LOCAL_INDEX_HOST}:${port}/health`))) {
      const server = servers[index];
      if (server.exitCode !== null || server.signalCode !== null) throw await failure(`pypiserver exited with code ${server.exitCode}.`);
      if (Date.now() > deadline) throw await failure('It did not answer within the time limit.');
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  try {
    balancer = await startIndexBalancer({ host: LOCAL_INDEX_HOST, port: options.port ?? 0, backendPorts: serverPorts });
  } catch (error) {
    throw await failure(`Port ${options.port}: ${(error as Error).message}`);
  }
  const url = `http://${LOCAL_INDEX_HOST}:${balancer.port}/`;
  return { url, simpleUrl: `${url}simple/`, pids: servers.map((server) => server.pid as number), stop };
}
