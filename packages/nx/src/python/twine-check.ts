import { PyrelError } from '../core/errors';
import { run } from './run';
import { twineTool } from './twine-tool';

export interface TwineCheckRequest {
  uv: string;
  /** The workspace tool cache, where twine gets its pinned environment. */
  cacheDir: string;
  files: readonly string[];
  /** `--strict`: warnings fail too (a missing long description, or one without a content type). */
  strict: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * `twine check` of built files (pinned twine in its own tool environment): the metadata rules PyPI
 * applies on upload, long-description rendering included, so a bad README fails here and not
 * halfway through a release.
 */
export async function twineCheck({ uv, cacheDir, files, strict, cwd, env }: TwineCheckRequest): Promise<void> {
  const twine = await twineTool(uv, cacheDir, env);
  const result = await run(twine.python, ['-m', 'twine', 'check', ...(strict ? ['--strict'] : []), ...files], {
    cwd,
    env: twine.env,
    okExitCodes: [0, 1],
    hint: 'twine check could not run; read its error above.',
  });
  if (result.exitCode === 0) return;
  const report = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line && !/^Checking .*PASSED/.test(line));
  throw new PyrelError(`twine check${strict ? ' --strict' : ''} rejects the built metadata (PyPI would refuse or mis-render it).`, [
    ...report.map((line) => `  ${line}`),
    'Fix [project] in pyproject.toml (a readme with a content type that renders, a description), then build again.',
  ]);
}
