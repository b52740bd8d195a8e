import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureToolEnv } from '../../packages/nx/src/python/tool-env';
import { runCommand } from './commands';
import { SHARED_TOOL_CACHE } from './paths';
import { sharedUv } from './tools';

/** Versions of the checkers the generated files must pass; pinned so a new rule cannot turn a run red overnight. */
const ACTIONLINT_MODULE = 'github.com/rhysd/actionlint/cmd/actionlint@v1.7.12';
const ZIZMOR = 'zizmor==1.32.0';
const VALIDATE_PYPROJECT = 'validate-pyproject==0.27';

/** actionlint, built once from its Go module into the shared tool cache (about 10 s). */
export function actionlint(): string {
  const bin = join(SHARED_TOOL_CACHE, 'go-bin');
  const path = join(bin, 'actionlint');
  mkdirSync(bin, { recursive: true });
  if (!existsSync(path)) runCommand('go', ['install', ACTIONLINT_MODULE], { cwd: SHARED_TOOL_CACHE, env: { ...process.env, GOBIN: bin } });
  return path;
}

async function pythonTool(requirement: string, command: string): Promise<string> {
  const python = await ensureToolEnv({ uv: await sharedUv(), cacheDir: SHARED_TOOL_CACHE, requirement, env: process.env });
  return join(dirname(python), command);
}

export const zizmor = () => pythonTool(ZIZMOR, 'zizmor');
export const validatePyproject = () => pythonTool(VALIDATE_PYPROJECT, 'validate-pyproject');
