import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../packages/nx/src/index/local-index';

export interface FaultProxy {
  url: string;
  stop(): void;
}

export interface Faults {
  /** Refuse the first upload whose body contains this text (a file name). */
  refuseOnce?: string;
  /** Refuse uploads without these Basic credentials (`user:password`). */
  requireAuth?: string;
  /** Delay every request, like a remote index's round trip. */
  delayMs?: number;
}

/** Starts fault-proxy-server.mjs in front of `target` (an upload URL); whoever starts it stops it by PID. */
export async function startFaultProxy(target: string, faults: Faults): Promise<FaultProxy> {
  const port = await freePort();
  const flags = [...(faults.refuseOnce ? ['--refuse-once', faults.refuseOnce] : []), ...(faults.requireAuth ? ['--require-auth', faults.requireAuth] : []), ...(faults.delayMs ? ['--delay-ms', String(faults.delayMs)] : [])];
  const child = spawn(process.execPath, [join(__dirname, 'fault-proxy-server.mjs'), String(port), target, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fault proxy exited with ${code}`)));
    child.stdout.on('data', (data: Buffer) => {
      if (data.toString().includes('listening')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(child.pid);
    },
  };
}
