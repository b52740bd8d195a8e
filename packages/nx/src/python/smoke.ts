import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PyrelError } from '../core/errors';
import { venvExecutable } from './cache-dir';
import { run } from './run';

export interface SmokeRequest {
  uv: string;
  /** What to install, as `uv pip install` arguments: a wheel path, or a requirement and index options. */
  install: readonly string[];
  /** Names the installed thing in report lines. */
  installed: string;
  /** Attempts of the install step (an index may list a new upload only after a while). */
  installAttempts?: number;
  retryDelayMs?: number;
  installHint: string;
  /** Import names to import, one `python -c "import …"` each. */
  modules: readonly string[];
  /** Console scripts to run with `--help`. */
  scripts: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** One line per passed check. */
  report: (line: string) => void;
}

async function installWithRetries(uv: string, python: string, { install, installAttempts = 1, retryDelayMs = 2000, installHint, cwd, env, report }: SmokeRequest): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(uv, ['pip', 'install', '--quiet', '--python', python, ...install], { cwd, env, hint: installHint });
      return;
    } catch (error) {
      if (attempt >= installAttempts || !(error instanceof PyrelError)) throw error;
      report(`install attempt ${attempt} of ${installAttempts} failed; retrying in ${(retryDelayMs * attempt) / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * attempt));
    }
  }
}

/**
 * Installs a distribution into a throwaway virtual environment, imports its top-level modules
 * and runs each console script with `--help`: what a user does first after `pip install`. The
 * environment is removed afterwards, pass or fail.
 */
export async function smokeTest(request: SmokeRequest): Promise<void> {
  const { uv, installed, modules, scripts, env, report } = request;
  const venv = mkdtempSync(join(tmpdir(), 'pyrel-smoke-'));
  try {
    await run(uv, ['venv', '--quiet', venv], { cwd: request.cwd, env, hint: 'Could not create the smoke-test virtual environment with uv venv.' });
    const python = venvExecutable(venv, 'python');
    await installWithRetries(uv, python, request);
    report(`smoke: installed ${installed} into a fresh venv`);
    for (const module of modules) {
      await run(python, ['-c', `import ${module}`], { cwd: venv, env, hint: `import ${module} failed in a fresh install of ${installed}: a missing dependency, or a file left out of the wheel.` });
      report(`smoke: import ${module}`);
    }
    for (const script of scripts) {
      await run(venvExecutable(venv, script), ['--help'], { cwd: venv, env, hint: `The console script ${script} failed with --help in a fresh install of ${installed}.` });
      report(`smoke: ${script} --help`);
    }
  } finally {
    rmSync(venv, { recursive: true, force: true });
  }
}
