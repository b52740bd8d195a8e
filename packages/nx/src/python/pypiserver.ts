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

/**
 * Starts pypiserver with uploads open to anyone (`-a . -P .`) and no fallback to pypi.org, so an
 * unknown name is a 404 rather than a redirect to the real index.
 */
export async function spawnPypiserver(options: PypiserverOptions): Promise<ChildProcess> {
  const python = await ensureToolEnv({ uv: options.uv, cacheDir: options.cacheDir, requirement: pinnedRequirement('pypiserver'), env: options.env });
  mkdirSync(options.dataDir, { recursive: true });
  const args = ['-m', 'pypiserver', 'run', '-i', options.host, '-p', String(options.port), '-a', '.', '-P', '.', '--disable-fallback', options.dataDir];
  const log = options.logFd ?? 'ignore';
  return spawn(python, args, { env: options.env, stdio: ['ignore', log, log], windowsHide: true });
}
