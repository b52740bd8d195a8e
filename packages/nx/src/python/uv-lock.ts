import { run } from './run';

export interface UvLockRequest {
  uv: string;
  /** Absolute directory holding the uv.lock to refresh (a uv workspace root or a lone project). */
  lockDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Re-locks after versions and pins changed, so `uv sync --locked` keeps passing. uv rewrites only
 * what moved: the members' versions and the specifiers recorded for them.
 */
export async function refreshUvLock({ uv, lockDir, env }: UvLockRequest): Promise<void> {
  await run(uv, ['lock', '--no-progress'], {
    cwd: lockDir,
    env,
    echo: true,
    hint: `uv lock failed in ${lockDir}: fix what uv reports (often a requirement that no version satisfies), then run the version step again.`,
  });
}
