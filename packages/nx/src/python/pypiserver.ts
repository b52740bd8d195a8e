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

/** The WSGI server pypiserver runs on: the package installed beside it, pypiserver's `--server` and that server's own settings. */
export interface WsgiServer {
  requirement: string;
  name: 'gunicorn' | 'paste';
  env: Record<string, string>;
}

/** Worker processes of the local index: pages are read at once by up to this many. */
export const PYPISERVER_WORKERS = 4;

/**
 * pypiserver lists its whole package directory for every page (~9 ms of CPU with 400 files), in
 * Python, so threads serve pages one at a time whatever the server. gunicorn's worker processes
 * serve them side by side (200 pages read 4 at a time: 1.0 s, against 1.9 s on Paste's threads,
 * which read them fastest one at a time). Its sync workers, not its threaded ones: each takes one
 * connection at a time when it is free, so requests spread evenly (threaded workers accept
 * greedily and left reads 4 at a time at 1.9 s on some runs). A client that connects and sends
 * nothing (a browser's spare connection) holds one worker until gunicorn's 30 s timeout replaces
 * it; the others go on serving, and wsgiref, pypiserver's default, would stall everyone. Stopping
 * waits at most 2 s for such a worker, so the server is down before the caller's 5 s SIGKILL. No
 * control socket: gunicorn 27 would put one in ~/.gunicorn, shared by every index on the machine.
 * gunicorn does not run on Windows, where Paste's threads keep the index answering instead.
 * (gevent's server, also tried, made each keep-alive request of uv or pip wait ~40 ms.)
 */
export function wsgiServerFor(platform: NodeJS.Platform): WsgiServer {
  if (platform === 'win32') return { requirement: pinnedRequirement('paste'), name: 'paste', env: {} };
  return {
    requirement: pinnedRequirement('gunicorn'),
    name: 'gunicorn',
    // pypiserver hands gunicorn no arguments of its own; gunicorn reads this variable instead.
    env: { GUNICORN_CMD_ARGS: `--workers ${PYPISERVER_WORKERS} --worker-class sync --graceful-timeout 2 --no-control-socket` },
  };
}

/** pypiserver's environment, with this platform's WSGI server beside it. */
export function ensurePypiserverEnv({ uv, cacheDir, env }: Pick<PypiserverOptions, 'uv' | 'cacheDir' | 'env'>): Promise<string> {
  return ensureToolEnv({ uv, cacheDir, requirement: pinnedRequirement('pypiserver'), alongside: [wsgiServerFor(process.platform).requirement], env });
}

/**
 * Starts pypiserver with uploads open to anyone (`-a . -P .`) and no fallback to pypi.org, so an
 * unknown name is a 404 rather than a redirect to the real index. The PID returned is the server's
 * (gunicorn's master, which stops its workers when it stops).
 */
export async function spawnPypiserver(options: PypiserverOptions): Promise<ChildProcess> {
  const python = await ensurePypiserverEnv(options);
  mkdirSync(options.dataDir, { recursive: true });
  const server = wsgiServerFor(process.platform);
  const args = ['-m', 'pypiserver', 'run', '-i', options.host, '-p', String(options.port), '-a', '.', '-P', '.', '--disable-fallback', '--server', server.name, options.dataDir];
  const log = options.logFd ?? 'ignore';
  return spawn(python, args, { env: { ...options.env, ...server.env }, stdio: ['ignore', log, log], windowsHide: true });
}
