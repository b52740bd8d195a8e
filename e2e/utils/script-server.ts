import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs one of the server scripts beside this file (`node <script> ...args`) in a process of its
 * own, so it answers while a test blocks on a synchronous command, and resolves with what `ready`
 * reads from its stdout so far once that is not undefined; rejects if the script exits first.
 */
export function startScriptServer<T>(script: string, args: readonly string[], ready: (stdout: string) => T | undefined): Promise<{ child: ChildProcess; value: T }> {
  const child = spawn(process.execPath, [join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${stdout}`)));
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      const value = ready(stdout);
      if (value !== undefined) resolve({ child, value });
    });
  });
}
