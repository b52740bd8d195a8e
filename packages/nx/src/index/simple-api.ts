import { PyrelError } from '../core/errors';
import { availableVersions, parseSimpleIndexHtml, parseSimpleIndexJson, type DistributionFile } from '../core/distribution-files';
import { normalizeDistributionName } from '../core/python-names';

export interface FetchProjectFilesOptions {
  /** Extra attempts after a 5xx answer or a network error. */
  retries?: number;
  timeoutMs?: number;
}

const ACCEPT = 'application/vnd.pypi.simple.v1+json, text/html;q=0.1';
const RETRY_DELAY_MS = 300;

/** The index URL without userinfo (safe to print) and the Basic auth header userinfo stood for. */
function splitCredentials(indexUrl: string): { safeUrl: string; authorization?: string } {
  const url = new URL(indexUrl);
  if (!url.username && !url.password) return { safeUrl: url.toString() };
  const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { safeUrl: url.toString(), authorization: `Basic ${Buffer.from(userinfo).toString('base64')}` };
}

function projectPageUrl(indexUrl: string, distribution: string): string {
  return new URL(`${normalizeDistributionName(distribution)}/`, indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`).toString();
}

function unreachable(pageUrl: string, reason: string): PyrelError {
  return new PyrelError(`Could not read ${pageUrl}: ${reason}.`, [
    'Check the network and the indexUrl of this repository in the @pyrel/nx plugin options of nx.json, then run the command again.',
  ]);
}

/**
 * The files a PEP 503/691 simple index lists for `distribution`; null when the index does not
 * know the project (404). Credentials in the URL's userinfo go in an Authorization header and
 * never into messages.
 */
export async function fetchProjectFiles(indexUrl: string, distribution: string, { retries = 2, timeoutMs = 15000 }: FetchProjectFilesOptions = {}): Promise<DistributionFile[] | null> {
  const { safeUrl, authorization } = splitCredentials(indexUrl);
  const pageUrl = projectPageUrl(safeUrl, distribution);
  const headers: Record<string, string> = { accept: ACCEPT, ...(authorization ? { authorization } : {}) };
  let lastFailure = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    let response: Response;
    try {
      response = await fetch(pageUrl, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      lastFailure = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      continue;
    }
    if (response.status === 404) return null;
    if (response.status === 401 || response.status === 403) {
      throw new PyrelError(`The index refused to list ${distribution} (HTTP ${response.status} from ${pageUrl}).`, [
        'We read the index without the upload credentials. Point the repository\'s indexUrl at a page that lists files to anyone,',
        'or put read credentials in the indexUrl itself (https://user:token@host/simple/; they are sent as a header and never printed).',
      ]);
    }
    if (response.status >= 500) {
      lastFailure = `HTTP ${response.status}`;
      continue;
    }
    if (!response.ok) throw unreachable(pageUrl, `HTTP ${response.status}`);
    const contentType = response.headers.get('content-type') ?? '';
    const finalUrl = response.url || pageUrl;
    if (contentType.includes('json')) {
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw unreachable(pageUrl, 'the JSON answer does not parse');
      }
      return parseSimpleIndexJson(body, finalUrl);
    }
    return parseSimpleIndexHtml(await response.text(), finalUrl);
  }
  throw unreachable(pageUrl, `${lastFailure} after ${retries + 1} attempts`);
}

/** Versions installers can get from the index for `distribution`, ascending; [] when it has none. */
export async function publishedVersions(indexUrl: string, distribution: string, options?: FetchProjectFilesOptions): Promise<string[]> {
  const files = await fetchProjectFiles(indexUrl, distribution, options);
  return files ? availableVersions(files, distribution) : [];
}
