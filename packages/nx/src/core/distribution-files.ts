import { PyrelError } from './errors';
import { compareVersions, normalizeVersion } from './pep440';
import { normalizeDistributionName } from './python-names';

/** One file a package index lists for a project (PEP 503 anchor or PEP 691 file entry). */
export interface DistributionFile {
  filename: string;
  url: string;
  sha256?: string;
  /** PEP 592: a yanked file is still listed but installers skip it unless pinned exactly. */
  yanked: boolean;
  requiresPython?: string;
}

const SDIST_SUFFIXES = ['.tar.gz', '.zip', '.tar.bz2'];

function validVersion(text: string): string | null {
  try {
    return normalizeVersion(text);
  } catch {
    return null;
  }
}

/**
 * The normalised version a wheel or sdist filename carries for `distribution`, or null when the
 * file belongs to another distribution or is not a wheel/sdist. Wheels escape `-` in both fields
 * so the name is the first field; legacy sdists may keep `-` in the name, so we split at the last
 * `-` that leaves a valid version.
 */
export function versionOfDistributionFile(filename: string, distribution: string): string | null {
  const wanted = normalizeDistributionName(distribution);
  if (filename.endsWith('.whl')) {
    const fields = filename.slice(0, -'.whl'.length).split('-');
    if (fields.length !== 5 && fields.length !== 6) return null;
    return normalizeDistributionName(fields[0]) === wanted ? validVersion(fields[1]) : null;
  }
  const suffix = SDIST_SUFFIXES.find((candidate) => filename.toLowerCase().endsWith(candidate));
  if (!suffix) return null;
  const stem = filename.slice(0, -suffix.length);
  for (let dash = stem.lastIndexOf('-'); dash > 0; dash = stem.lastIndexOf('-', dash - 1)) {
    const version = validVersion(stem.slice(dash + 1));
    if (version !== null) return normalizeDistributionName(stem.slice(0, dash)) === wanted ? version : null;
  }
  return null;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of tag.matchAll(pattern)) found.set(match[1].toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  return found;
}

function fileFromHref(href: string, text: string, baseUrl: string): Pick<DistributionFile, 'filename' | 'url' | 'sha256'> {
  const url = new URL(href, baseUrl);
  const sha256 = /^#?sha256=([0-9a-f]{64})$/i.exec(url.hash)?.[1]?.toLowerCase();
  url.hash = '';
  const filename = text.trim() || decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return sha256 ? { filename, url: url.toString(), sha256 } : { filename, url: url.toString() };
}

/** The files of a PEP 503 project page: one anchor per file, the hash in the URL fragment. */
export function parseSimpleIndexHtml(html: string, baseUrl: string): DistributionFile[] {
  const files: DistributionFile[] = [];
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const attrs = attributes(match[1]);
    const href = attrs.get('href');
    if (!href) continue;
    const requiresPython = attrs.get('data-requires-python');
    files.push({
      ...fileFromHref(href, decodeEntities(match[2].replace(/<[^>]*>/g, '')), baseUrl),
      yanked: attrs.has('data-yanked'),
      ...(requiresPython ? { requiresPython } : {}),
    });
  }
  return files;
}

function badJson(baseUrl: string, reason: string): PyrelError {
  return new PyrelError(`The index at ${baseUrl} answered with a PEP 691 JSON page we cannot read: ${reason}.`, [
    'Check that indexUrl in the repository settings of nx.json points at a PEP 503/691 simple index (for example https://pypi.org/simple/).',
  ]);
}

/** The files of a PEP 691 JSON project page (`application/vnd.pypi.simple.v1+json`). */
export function parseSimpleIndexJson(json: unknown, baseUrl: string): DistributionFile[] {
  const entries = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(entries)) throw badJson(baseUrl, 'no "files" array');
  return entries.map((entry: unknown, position) => {
    const { filename, url, hashes, yanked } = (entry ?? {}) as Record<string, unknown>;
    if (typeof filename !== 'string' || typeof url !== 'string') throw badJson(baseUrl, `files[${position}] has no filename or url`);
    const sha256 = (hashes as Record<string, unknown> | undefined)?.['sha256'];
    const requiresPython = (entry as Record<string, unknown>)['requires-python'];
    return {
      filename,
      url: new URL(url, baseUrl).toString(),
      ...(typeof sha256 === 'string' ? { sha256: sha256.toLowerCase() } : {}),
      yanked: yanked === true || typeof yanked === 'string',
      ...(typeof requiresPython === 'string' && requiresPython ? { requiresPython } : {}),
    };
  });
}

/** The versions a page lists for `distribution` that installers would pick: unique, not yanked, ascending. */
export function availableVersions(files: readonly DistributionFile[], distribution: string): string[] {
  const versions = new Set<string>();
  for (const file of files) {
    if (file.yanked) continue;
    const version = versionOfDistributionFile(file.filename, distribution);
    if (version !== null) versions.add(version);
  }
  return [...versions].sort(compareVersions);
}
