import { ensureToolEnv } from './tool-env';
import { pinnedRequirement } from './tool-versions';

export interface TwineTool {
  /** Python of the pinned twine environment; run it with `-m twine`. */
  python: string;
  /**
   * Plain, unwrapped output: twine prints through rich, which colours (it reads any FORCE_COLOR,
   * even 0, as "on") and wraps at 80 columns, splitting file names our messages quote.
   */
  env: NodeJS.ProcessEnv;
}

/** Pinned twine (made once in the tool cache) and the environment to run it in. */
export async function twineTool(uv: string, cacheDir: string, env: NodeJS.ProcessEnv): Promise<TwineTool> {
  const python = await ensureToolEnv({ uv, cacheDir, requirement: pinnedRequirement('twine'), env });
  const plain: NodeJS.ProcessEnv = { ...env, NO_COLOR: '1', TERM: 'dumb', COLUMNS: '1000' };
  delete plain.FORCE_COLOR;
  return { python, env: plain };
}
