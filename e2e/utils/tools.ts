import { ensurePypiserverEnv } from '../../packages/nx/src/python/pypiserver';
import { ensureToolEnv } from '../../packages/nx/src/python/tool-env';
import { pinnedRequirement } from '../../packages/nx/src/python/tool-versions';
import { resolveUv } from '../../packages/nx/src/python/uv';
import type { LocalIndex } from '../../packages/nx/src/index/local-index';
import { startLocalIndexProcess } from './local-index-process';
import { SHARED_TOOL_CACHE } from './paths';

/** uv as the plugin itself finds it (bootstrapped into the shared cache when not on PATH). */
export function sharedUv(): Promise<string> {
  return resolveUv({ env: process.env, cacheDir: SHARED_TOOL_CACHE, onBootstrap: (m) => console.log(m) });
}

/** Makes every tool environment the suites use, once, before any test runs in parallel. */
export async function prepareSharedTools(): Promise<void> {
  const uv = await sharedUv();
  await ensurePypiserverEnv({ uv, cacheDir: SHARED_TOOL_CACHE, env: process.env });
  await ensureToolEnv({ uv, cacheDir: SHARED_TOOL_CACHE, requirement: pinnedRequirement('twine'), env: process.env });
}

/** A real local index (pypiserver) on 127.0.0.1 and a free port; the suite that starts it stops it. */
export async function startTestIndex(dataDir: string): Promise<LocalIndex> {
  const uv = await sharedUv();
  return startLocalIndexProcess({ uv, cacheDir: SHARED_TOOL_CACHE, dataDir });
}
