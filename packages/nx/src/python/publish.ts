import { uploadLogin, type Credentials } from '../core/credentials';
import { secretsFromEnv } from '../core/redact';
import type { Repository } from '../core/repositories';
import { uvUploadArguments, withAttestations } from './attestations';
import { run } from './run';

export interface UvPublishRequest {
  uv: string;
  files: readonly string[];
  repository: Repository;
  credentials: Credentials;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The child's environment: our chosen credentials replace any uv publish settings inherited from the caller. */
function publishEnv(credentials: Credentials, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  for (const name of ['UV_PUBLISH_TOKEN', 'UV_PUBLISH_USERNAME', 'UV_PUBLISH_PASSWORD', 'UV_PUBLISH_URL', 'UV_PUBLISH_CHECK_URL', 'UV_TRUSTED_PUBLISHING']) {
    delete child[name];
  }
  const login = uploadLogin(credentials);
  if (login) {
    child.UV_PUBLISH_USERNAME = login.username;
    child.UV_PUBLISH_PASSWORD = login.password;
  } else {
    child.UV_TRUSTED_PUBLISHING = 'always';
  }
  return child;
}

/**
 * `uv publish` with `--check-url`, so files already on the index with the same bytes are skipped
 * instead of failing with a 409. Credentials travel by environment only.
 */
export async function uploadWithUv({ uv, files, repository, credentials, env, cwd }: UvPublishRequest): Promise<void> {
  const childEnv = publishEnv(credentials, env);
  await run(uv, ['publish', '--no-progress', '--publish-url', repository.uploadUrl, '--check-url', repository.indexUrl, ...uvUploadArguments(withAttestations(files, cwd))], {
    cwd,
    env: childEnv,
    echo: true,
    secrets: secretsFromEnv(childEnv),
    hint: `uv publish to ${repository.name} (${repository.uploadUrl}) failed; its own message is above (an unreachable index, rejected credentials, or a file the index refused).`,
  });
}
