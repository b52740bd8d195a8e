import { freePort } from '../../packages/nx/src/index/local-index';
import { startScriptServer } from './script-server';

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
  const { child } = await startScriptServer('fault-proxy-server.mjs', [String(port), target, ...flags], (stdout) => (stdout.includes('listening') ? true : undefined));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(child.pid);
    },
  };
}
