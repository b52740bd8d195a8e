import { uploadLogin, type Credentials } from '../core/credentials';
import { secretsFromEnv } from '../core/redact';
import type { Repository } from '../core/repositories';
import { twineUploadArguments, withAttestations } from './attestations';
import { run } from './run';
import { twineTool } from './twine-tool';

export interface TwineUploadRequest {
  uv: string;
  cacheDir: string;
  files: readonly string[];
  repository: Repository;
  credentials: Credentials;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The child's environment: our chosen credentials (from env or .pypirc) replace inherited TWINE_* settings. */
function withCredentials(credentials: Credentials, twineEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...twineEnv };
  for (const name of ['TWINE_USERNAME', 'TWINE_PASSWORD', 'TWINE_REPOSITORY', 'TWINE_REPOSITORY_URL']) delete child[name];
  // Without a login (trusted publishing) twine mints the short-lived token itself in GitHub Actions.
  const login = uploadLogin(credentials);
  if (login) {
    child.TWINE_USERNAME = login.username;
    child.TWINE_PASSWORD = login.password;
  }
  return child;
}

/** `twine upload` (pinned twine) of the given files and their attestations; credentials travel by environment only. */
export async function uploadWithTwine({ uv, cacheDir, files, repository, credentials, env, cwd }: TwineUploadRequest): Promise<void> {
  const inputs = twineUploadArguments(withAttestations(files, cwd));
  const twine = await twineTool(uv, cacheDir, env);
  const childEnv = withCredentials(credentials, twine.env);
  await run(twine.python, ['-m', 'twine', 'upload', '--non-interactive', '--disable-progress-bar', '--repository-url', repository.uploadUrl, ...inputs], {
    cwd,
    env: childEnv,
    echo: true,
    secrets: secretsFromEnv(childEnv),
    hint: `twine upload to ${repository.name} (${repository.uploadUrl}) failed; its own message is above (an unreachable index, rejected credentials, or a file the index refused).`,
  });
}
