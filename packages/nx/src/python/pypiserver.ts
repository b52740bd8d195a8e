import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ensureToolEnv } from './tool-env';
import { pinnedRequirement } from './tool-versions';

export interface PypiserverOptions {
  uv: string;
  cacheDir: string;
  dataDir: string;
  host: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Where the server's log lines go; by default they are discarded. */
  logFd?: number | 'inherit' | 'ignore';
}

/** pypiserver's environment, with Paste as its server: see spawnPypiserver. */
export function ensurePypiserverEnv({ uv, cacheDir, env }: Pick<PypiserverOptions, 'uv' | 'cacheDir' | 'env'>): Promise<string> {
  return ensureToolEnv({ uv, cacheDir, requirement: pinnedRequirement('pypiserver'), alongside: [pinnedRequirement('paste')], env });
}

/**
 * Starts one pypiserver process with uploads open to anyone (`-a . -P .`) and no fallback to
 * pypi.org, so an unknown name is a 404 rather than a redirect to the real index. It runs on
 * Paste's threaded server: on its default (wsgiref, one connection at a time) a single client
 * that connects and waits, as browsers and HTTP clients holding a spare connection do, stalls
 * every upload and install behind it until that client goes away. Threads do not serve pages side
 * by side, though: pypiserver lists its whole directory in Python for every page, under the GIL
 * (see local-index.ts for how several processes share the work). gevent's server made each
 * keep-alive request of uv or pip wait ~40 ms; gunicorn's master respawns the workers that Nx,
 * stopping a task's process tree from the leaves up, terminates first, and an orphaned worker
 * kept serving after the task ended.
 */
export async function spawnPypiserver(options: PypiserverOptions): Promise<ChildProcess> {
  const python = await ensurePypiserverEnv(options);
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['-m', 'pypiserver', 'run', '-i', options.host, '-p', String(options.port), '-a', '.', '-P', '.', '--disable-fallback', '--server', 'paste', options.dataDir];
  const log = options.logFd ?? 'ignore';
  return spawn(python, args, { env: options.env, stdio: ['ignore', log, log], windowsHide: true });
}
