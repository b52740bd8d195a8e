import { PyrelError } from './errors';
import { pypircSectionFor, type PypircSection } from './pypirc';
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
 * `UV_PUBLISH_TOKEN`, `TWINE_USERNAME` + `TWINE_PASSWORD`, the repository's section of
 * `.pypirc` (`pypirc`, already parsed, with its path for messages); a loopback index with none of
 * these gets the documented dummy credentials.
 */
export function resolveCredentials(
  repository: Repository,
  env: Readonly<Record<string, string | undefined>>,
  pypirc: { path: string; sections: readonly PypircSection[] } = { path: '~/.pypirc', sections: [] },
): Credentials {
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
  const section = pypircSectionFor(pypirc.sections, repository.name, repository.uploadUrl);
  if (section?.password) {
    const source = `${pypirc.path} [${section.name}]`;
    const username = section.username ?? '__token__';
    return username === '__token__' ? { kind: 'token', source, token: section.password } : { kind: 'password', source, username, password: section.password };
  }
  if (isLoopbackUrl(repository.uploadUrl)) {
    return { kind: 'anonymous', source: 'none needed for a local index' };
  }
  throw new PyrelError(`No credentials found for repository "${repository.name}" (${repository.uploadUrl}).`, [
    `Set ${tokenVar} to an API token (for PyPI: a project-scoped token from https://pypi.org/manage/account/token/),`,
    `or ${userVar} and ${passwordVar}, or UV_PUBLISH_TOKEN, or TWINE_USERNAME and TWINE_PASSWORD,`,
    `or a [${repository.name}] section with username and password in ${pypirc.path}.`,
    'In GitHub Actions, trusted publishing needs `permissions: id-token: write` on the publishing job.',
  ]);
}

/**
 * The username and password an uploader sends for these credentials (an API token is the
 * password of the user `__token__`, as PyPI expects); null for trusted publishing, where the
 * uploader mints its own short-lived token.
 */
export function uploadLogin(credentials: Credentials): { username: string; password: string } | null {
  switch (credentials.kind) {
    case 'token':
      return { username: '__token__', password: credentials.token };
    case 'password':
      return { username: credentials.username, password: credentials.password };
    case 'anonymous':
      return { username: LOCAL_INDEX_USERNAME, password: LOCAL_INDEX_PASSWORD };
    case 'trusted-publishing':
      return null;
  }
}
