import { PyrelError } from './errors';
import type { NormalizedPluginOptions, RepositoryConfig } from './plugin-options';

export interface Repository {
  /** The name used for credentials (`PYREL_TOKEN_<NAME>`); `url` for a repository given as a bare URL. */
  name: string;
  /** Upload endpoint. */
  uploadUrl: string;
  /** PEP 503 simple index, used to check what is already published and to install back. */
  indexUrl: string;
}

export const BUILT_IN_REPOSITORIES: Readonly<Record<string, Required<RepositoryConfig>>> = {
  pypi: { url: 'https://upload.pypi.org/legacy/', indexUrl: 'https://pypi.org/simple/' },
  testpypi: { url: 'https://test.pypi.org/legacy/', indexUrl: 'https://test.pypi.org/simple/' },
};

const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** Without an explicit index URL we assume the pypiserver/devpi layout: uploads at the root, the simple index at `simple/`. */
function defaultIndexUrl(uploadUrl: string): string {
  return new URL('simple/', withTrailingSlash(uploadUrl)).toString();
}

function parseableUrl(url: string | undefined): boolean {
  try {
    return url !== undefined && /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

function fromConfig(name: string, config: RepositoryConfig): Repository {
  return {
    name,
    uploadUrl: withTrailingSlash(config.url),
    indexUrl: withTrailingSlash(config.indexUrl ?? defaultIndexUrl(config.url)),
  };
}

export interface RepositoryChoice {
  /** `--repository` as given on the command line or in target options. */
  requested?: string;
  prerelease: boolean;
  env: Readonly<Record<string, string | undefined>>;
  options: NormalizedPluginOptions;
}

/**
 * Picks the repository a publish goes to: the explicit option, else env
 * `PYREL_REPOSITORY` / `PYREL_PRERELEASE_REPOSITORY`, else the plugin option, and resolves a
 * name (user-defined before built-in) or a URL.
 */
export function resolveRepository({ requested, prerelease, env, options }: RepositoryChoice): Repository {
  // `||`, not `??`: CI systems often pass an unset variable as an empty string.
  const wanted = requested
    || (prerelease ? env.PYREL_PRERELEASE_REPOSITORY || options.prereleaseRepository : env.PYREL_REPOSITORY || options.repository);
  if (/^https?:\/\//i.test(wanted)) {
    if (!parseableUrl(wanted)) {
      throw new PyrelError(`"${wanted}" is not a valid repository URL.`, ['Pass an http(s) upload URL such as https://upload.pypi.org/legacy/, or a repository name.']);
    }
    return fromConfig('url', { url: wanted });
  }
  const config = Object.hasOwn(options.repositories, wanted) ? options.repositories[wanted] : Object.hasOwn(BUILT_IN_REPOSITORIES, wanted) ? BUILT_IN_REPOSITORIES[wanted] : undefined;
  if (!config) {
    const known = [...new Set([...Object.keys(options.repositories), ...Object.keys(BUILT_IN_REPOSITORIES)])];
    throw new PyrelError(`Unknown repository "${wanted}".`, [
      `Known repositories: ${known.join(', ')}.`,
      'Pass one of them or a URL with --repository, or define it in nx.json under the @pyrel/nx plugin options:',
      `  "repositories": { "${wanted}": { "url": "https://…/legacy/", "indexUrl": "https://…/simple/" } }`,
    ]);
  }
  if (!parseableUrl(config.url) || (config.indexUrl !== undefined && !parseableUrl(config.indexUrl))) {
    throw new PyrelError(`Repository "${wanted}" has an invalid url "${config.url}" or indexUrl "${config.indexUrl ?? ''}".`, [
      `Set repositories.${wanted}.url (upload endpoint) and indexUrl (simple index) in the @pyrel/nx plugin options of nx.json to http(s) URLs.`,
    ]);
  }
  return fromConfig(wanted, config);
}

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
