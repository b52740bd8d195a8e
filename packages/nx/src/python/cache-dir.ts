import { join } from 'node:path';

/**
 * Where bootstrapped tools live: env `PYREL_CACHE_DIR`, else `node_modules/.cache/pyrel` of the
 * workspace, which survives `nx reset`, is ignored by git with node_modules, and is shared by
 * every project of the workspace.
 */
export function pyrelCacheDir(workspaceRoot: string, env: NodeJS.ProcessEnv): string {
  return env.PYREL_CACHE_DIR || join(workspaceRoot, 'node_modules', '.cache', 'pyrel');
}

/** An executable inside a virtual environment. */
export function venvExecutable(venv: string, name: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', `${name}.exe`) : join(venv, 'bin', name);
}
