import { PyrelError } from './errors';
import { isLoopbackUrl, type Repository } from './repositories';

/** How an upload authenticates; secrets stay in `env`, which goes to the child process only. */
export type Credentials =
  | { kind: 'trusted-publishing'; source: string }
  | { kind: 'token'; source: string; token: string }
  | { kind: 'password'; source: string; username: string; password: string }
  | { kind: 'anonymous'; source: string };

/** Documented dummy credentials for a local index that accepts anyone: uv refuses to upload without some. */
export const LOCAL_INDEX_USERNAME = 'pyrel';
export const LOCAL_INDEX_PASSWORD = 'pyrel-anonymous-upload';

/** `local-index` -> `LOCAL_INDEX`, the suffix of `PYREL_TOKEN_<NAME>`. */
export function credentialEnvSuffix(repositoryName: string): string {
  return repositoryName.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Credentials for an upload, first found wins: trusted publishing (GitHub Actions with an OIDC
 * token), `PYREL_TOKEN_<NAME>`, `PYREL_USERNAME_<NAME>` + `PYREL_PASSWORD_<NAME>`,
 * `UV_PUBLISH_TOKEN`, `TWINE_USERNAME` + `TWINE_PASSWORD`; a loopback index with none of these
 * gets the documented dummy credentials.
 */
export function resolveCredentials(repository: Repository, env: Readonly<Record<string, string | undefined>>): Credentials {
  const suffix = credentialEnvSuffix(repository.name);
  const tokenVar = `PYREL_TOKEN_${suffix}`;
  const userVar = `PYREL_USERNAME_${suffix}`;
  const passwordVar = `PYREL_PASSWORD_${suffix}`;

  if (env.GITHUB_ACTIONS === 'true' && env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    return { kind: 'trusted-publishing', source: 'GitHub Actions OIDC (trusted publishing)' };
  }
  if (env[tokenVar]) {
    return { kind: 'token', source: tokenVar, token: env[tokenVar] as string };
  }
  if (env[userVar] && env[passwordVar]) {
    return { kind: 'password', source: `${userVar}/${passwordVar}`, username: env[userVar] as string, password: env[passwordVar] as string };
  }
  if (env.UV_PUBLISH_TOKEN) {
    return { kind: 'token', source: 'UV_PUBLISH_TOKEN', token: env.UV_PUBLISH_TOKEN };
  }
  if (env.TWINE_USERNAME && env.TWINE_PASSWORD) {
    return { kind: 'password', source: 'TWINE_USERNAME/TWINE_PASSWORD', username: env.TWINE_USERNAME, password: env.TWINE_PASSWORD };
  }
  if (isLoopbackUrl(repository.uploadUrl)) {
    return { kind: 'anonymous', source: 'none needed for a local index' };
  }
  throw new PyrelError(`No credentials found for repository "${repository.name}" (${repository.uploadUrl}).`, [
    `Set ${tokenVar} to an API token (for PyPI: a project-scoped token from https://pypi.org/manage/account/token/),`,
    `or ${userVar} and ${passwordVar}, or UV_PUBLISH_TOKEN, or TWINE_USERNAME and TWINE_PASSWORD.`,
    'In GitHub Actions, trusted publishing needs `permissions: id-token: write` on the publishing job.',
  ]);
}
