import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "it says X somewhere" assertions. */
  output: string;
}

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Throw unless the command exits 0 (default true). */
  check?: boolean;
}

/** Runs a command to completion with an argv array and returns its output; by default a non-zero exit throws with that output. */
export function runCommand(command: string, args: readonly string[], { cwd, env = process.env, check = true }: CommandOptions): CommandResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  const exitCode = result.status ?? 1;
  if (check && exitCode !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${exitCode} in ${cwd}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  }
  return { exitCode, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** A Python virtual environment made with the real `python3 -m venv`, for installing what was published. */
export function createVenv(dir: string): { python: string; pip: (args: readonly string[], check?: boolean) => CommandResult } {
  runCommand('python3', ['-m', 'venv', dir], { cwd: process.cwd() });
  const bin = join(dir, process.platform === 'win32' ? 'Scripts' : 'bin');
  const python = join(bin, 'python');
  // An isolated pip: the machine's pip.conf (e.g. extra find-links) must not decide what gets installed.
  const env: NodeJS.ProcessEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  delete env.PIP_FIND_LINKS;
  delete env.PIP_INDEX_URL;
  delete env.PIP_EXTRA_INDEX_URL;
  return {
    python,
    pip: (args, check = true) => runCommand(python, ['-m', 'pip', ...args], { cwd: dir, env, check }),
  };
}
