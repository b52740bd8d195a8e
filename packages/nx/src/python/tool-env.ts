import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDirectoryAtomically } from './atomic-dir';
import { venvExecutable } from './cache-dir';
import { run } from './run';

export interface ToolEnvRequest {
  uv: string;
  cacheDir: string;
  requirement: string;
  /** More pinned requirements installed beside the tool (its server, say); part of the environment's name. */
  alongside?: readonly string[];
  env: NodeJS.ProcessEnv;
}

/**
 * A dedicated, uv-managed virtual environment holding one pinned tool, made once in the cache.
 * Long-running tools (pypiserver) run from here rather than through `uv tool run` so that the PID
 * we hold is the server's own and stopping it is exact. Returns the environment's python.
 */
export async function ensureToolEnv({ uv, cacheDir, requirement, alongside = [], env }: ToolEnvRequest): Promise<string> {
  const venv = join(cacheDir, 'tools', [requirement, ...alongside].join('+').replace(/[^A-Za-z0-9.+]+/g, '-'));
  const python = venvExecutable(venv, 'python');
  if (existsSync(python)) return python;
  await createDirectoryAtomically(venv, async (dir) => {
    const hint = `Could not install ${requirement} with uv; check that PyPI (or your UV_INDEX_URL) is reachable.`;
    await run(uv, ['venv', '--quiet', '--relocatable', dir], { cwd: cacheDir, env, hint });
    await run(uv, ['pip', 'install', '--quiet', '--python', venvExecutable(dir, 'python'), requirement, ...alongside], { cwd: cacheDir, env, hint });
  });
  return python;
}
