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
 * Starts pypiserver with uploads open to anyone (`-a . -P .`) and no fallback to pypi.org, so an
 * unknown name is a 404 rather than a redirect to the real index. It runs on Paste's threaded
 * server: on its default (wsgiref, one connection at a time) a single client that connects and
 * waits, as browsers and HTTP clients holding a spare connection do, stalls every upload and
 * install behind it until that client goes away. Measured on 200 pages: sequential clients are
 * as fast as on wsgiref; 16 concurrent reads take 1.9 s instead of 1.25 s. gevent's server was
 * faster for concurrent reads but made each keep-alive request of uv or pip wait ~40 ms (a
 * `uv publish` loop went from 6 s to 15 s), so it is not used.
 */
export async function spawnPypiserver(options: PypiserverOptions): Promise<ChildProcess> {
  const python = await ensurePypiserverEnv(options);
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['-m', 'pypiserver', 'run', '-i', options.host, '-p', String(options.port), '-a', '.', '-P', '.', '--disable-fallback', '--server', 'paste', options.dataDir];
  const log = options.logFd ?? 'ignore';
  return spawn(python, args, { env: options.env, stdio: ['ignore', log, log], windowsHide: true });
}
