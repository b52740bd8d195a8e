import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PyrelError } from '../core/errors';
import { createDirectoryAtomically } from './atomic-dir';
import { venvExecutable } from './cache-dir';
import { run } from './run';
import { TOOL_VERSIONS } from './tool-versions';
import { findOnPath, isExecutableFile } from './which';

export interface UvLookup {
  /** Plugin option `uvPath`. */
  uvPath?: string;
  env: NodeJS.ProcessEnv;
  /** The workspace tool cache (see `pyrelCacheDir`). */
  cacheDir: string;
  /** Called once before a bootstrap starts, for progress output. */
  onBootstrap?: (message: string) => void;
}

const INSTALL_HINT = 'Install uv (https://docs.astral.sh/uv/getting-started/installation/, or `pip install uv`) or Python 3.9+ so @pyrel/nx can install uv itself.';

function explicitUv(path: string, origin: string): string {
  if (!isExecutableFile(path)) {
    throw new PyrelError(`uv not found at ${path} (from ${origin}).`, [`Fix ${origin} to point at the uv executable, or unset it to let @pyrel/nx find uv on PATH.`]);
  }
  return path;
}

/**
 * The uv executable: option `uvPath`, env `PYREL_UV`, `uv` on PATH, else a pinned uv installed
 * once into the workspace cache with `python3 -m venv` + pip.
 */
export async function resolveUv({ uvPath, env, cacheDir, onBootstrap }: UvLookup): Promise<string> {
  if (uvPath) return explicitUv(uvPath, 'the uvPath option of @pyrel/nx in nx.json');
  if (env.PYREL_UV) return explicitUv(env.PYREL_UV, 'env PYREL_UV');
  const onPath = findOnPath('uv', env);
  if (onPath) return onPath;

  const venv = join(cacheDir, `uv-${TOOL_VERSIONS.uv}`);
  const bootstrapped = venvExecutable(venv, 'uv');
  if (existsSync(bootstrapped)) return bootstrapped;

  const python = findOnPath('python3', env) ?? findOnPath('python', env);
  if (!python) {
    throw new PyrelError('Neither uv nor Python was found, so @pyrel/nx cannot build or publish.', [
      'Looked for: the uvPath plugin option (not set), env PYREL_UV (not set), `uv` on PATH (not found),',
      `a bootstrapped uv in ${venv} (absent), and python3 or python on PATH to bootstrap one (not found).`,
      INSTALL_HINT,
    ]);
  }
  onBootstrap?.(`uv not found on PATH: installing uv ${TOOL_VERSIONS.uv} into ${venv} (once per workspace).`);
  await createDirectoryAtomically(venv, async (dir) => {
    const hint = `Bootstrapping uv with ${python} failed. ${INSTALL_HINT}`;
    await run(python, ['-m', 'venv', dir], { cwd: cacheDir, env, hint });
    await run(venvExecutable(dir, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `uv==${TOOL_VERSIONS.uv}`], { cwd: cacheDir, env, hint });
  });
  return bootstrapped;
}
