import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { venvExecutable } from './cache-dir';
import { run } from './run';

export interface SmokeRequest {
  uv: string;
  wheel: string;
  /** Import names to import, one `python -c "import …"` each. */
  modules: readonly string[];
  /** Console scripts to run with `--help`. */
  scripts: readonly string[];
  /** Directories with the wheels of workspace dependencies that are on no index yet. */
  findLinks: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** One line per passed check. */
  report: (line: string) => void;
}

/**
 * Installs a wheel into a throwaway virtual environment, imports its top-level modules and runs
 * each console script with `--help`: what a user does first after `pip install`. The
 * environment is removed afterwards, pass or fail.
 */
export async function smokeTest({ uv, wheel, modules, scripts, findLinks, cwd, env, report }: SmokeRequest): Promise<void> {
  const venv = mkdtempSync(join(tmpdir(), 'pyrel-smoke-'));
  try {
    await run(uv, ['venv', '--quiet', venv], { cwd, env, hint: 'Could not create the smoke-test virtual environment with uv venv.' });
    const python = venvExecutable(venv, 'python');
    await run(uv, ['pip', 'install', '--quiet', '--python', python, ...findLinks.flatMap((dir) => ['--find-links', dir]), wheel], {
      cwd,
      env,
      hint: 'The wheel did not install. If it depends on other workspace packages, build them first (nx run-many -t build-wheel); their dist/ folders are offered to the installer.',
    });
    report(`smoke: installed ${wheel.split(/[\\/]/).pop()} into a fresh venv`);
    for (const module of modules) {
      await run(python, ['-c', `import ${module}`], { cwd: venv, env, hint: `import ${module} failed in a fresh install of the wheel: a missing dependency, or a file left out of the wheel.` });
      report(`smoke: import ${module}`);
    }
    for (const script of scripts) {
      await run(venvExecutable(venv, script), ['--help'], { cwd: venv, env, hint: `The console script ${script} failed with --help in a fresh install of the wheel.` });
      report(`smoke: ${script} --help`);
    }
  } finally {
    rmSync(venv, { recursive: true, force: true });
  }
}
