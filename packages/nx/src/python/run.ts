import { spawn } from 'node:child_process';
import { PyrelError } from '../core/errors';
import { redact } from '../core/redact';

export interface RunOptions {
  cwd: string;
  /** The whole environment of the child; secrets travel only here, never in argv. */
  env: NodeJS.ProcessEnv;
  /** Values masked in everything echoed, returned or thrown. */
  secrets?: readonly string[];
  /** Stream the child's output, line by line and redacted, prefixed with this label. */
  echo?: boolean;
  /** Exit codes that are not failures (default: only 0). */
  okExitCodes?: readonly number[];
  /** What to tell the user when the command fails, after the tool's own stderr (quoted in the error unless echoed). */
  hint?: string;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const STDERR_LINES_IN_ERRORS = 25;

/** Line-buffers a stream so a secret split across chunks is still redacted whole. */
function lineEcho(write: (text: string) => void, secrets: readonly string[]) {
  let pending = '';
  return {
    push(chunk: string) {
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end >= 0) {
        write(redact(pending.slice(0, end + 1), secrets));
        pending = pending.slice(end + 1);
      }
    },
    flush() {
      if (pending) write(redact(`${pending}\n`, secrets));
      pending = '';
    },
  };
}

/**
 * Runs a command with an argv array (never a shell string), captures its output, optionally
 * echoes it redacted, and fails with the tool's own stderr plus a hint: both a spawn error (tool
 * missing) and a non-zero exit are failures.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const secrets = options.secrets ?? [];
  const okExitCodes = options.okExitCodes ?? [0];
  const shown = `${command} ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    const out = lineEcho((t) => process.stdout.write(t), secrets);
    const err = lineEcho((t) => process.stderr.write(t), secrets);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.echo) out.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) err.push(chunk);
    });
    child.on('error', (error) => {
      reject(new PyrelError(redact(`Could not start ${command}: ${error.message}`, secrets), options.hint ? [options.hint] : []));
    });
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      const exitCode = code ?? 128;
      const result = { exitCode, stdout: redact(stdout, secrets), stderr: redact(stderr, secrets) };
      if (okExitCodes.includes(exitCode)) {
        resolve(result);
        return;
      }
      // Echoed output is already on screen; repeating it in the error would only double it.
      const stderrLines = result.stderr.trim() ? result.stderr.trimEnd().split('\n') : [];
      const tail = options.echo ? [] : stderrLines.slice(-STDERR_LINES_IN_ERRORS);
      const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
      reject(new PyrelError(redact(`${shown} ${how}.`, secrets), [...tail, ...(options.hint ? [options.hint] : [])]));
    });
  });
}
