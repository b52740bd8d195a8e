import { PyrelError } from './errors';

/**
 * PEP 440 versions: parse, normalise, order, and bump.
 *
 * Parsing and ordering are our own (the spec's normalisation regex and packaging's sort key)
 * rather than @renovatebot/pep440's: its `explain` rejects the surrounding whitespace PEP 440
 * allows, turns local segments such as `+1e5` or `+0x1f` into numbers, and silently rounds
 * numbers past 2^53; its `inc` starts pre-releases at 0 and can go backwards
 * (`inc('2.0.0rc1', 'prerelease', 'a')` is `2.0.0a0`). Bumping is ours and strictly monotonic.
 */

export type PrePhase = 'a' | 'b' | 'rc';

/** A parsed version. Numbers are plain integers; `local` is normalised (lower case, dot-separated). */
export interface Pep440Version {
  epoch: number;
  release: readonly number[];
  pre?: { phase: PrePhase; number: number };
  post?: number;
  dev?: number;
  local?: string;
}

export const BUMP_KEYWORDS = ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease'] as const;
export type BumpKeyword = (typeof BUMP_KEYWORDS)[number];

/** What a pre-release bump adds: a phase (`a`, `b`, `rc`) or a developmental release (`.devN`). */
export type Preid = PrePhase | 'dev';

/**
 * The phase a pre-release bump starts when none is given. `rc`, because the release contract's
 * own example is `publish --prerelease`: 1.3.0 -> 1.3.1rc1, and `version --bump=prerelease`
 * should agree with it.
 */
export const DEFAULT_PREID: Preid = 'rc';

const VALID_EXAMPLES = 'A valid version looks like 1.2.3, 1.2.3rc1, 1.2.3.post1, 1.2.3.dev1 or 1!2.0 (see https://peps.python.org/pep-0440/).';

// The normalisation-aware grammar from PEP 440's appendix: any case, `-`/`_`/`.` separators,
// alternative spellings, implicit numbers, a leading `v` and surrounding whitespace.
const VERSION_PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?:-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?' +
    '(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

const PHASES: Record<string, PrePhase> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };
const PHASE_RANK: Record<PrePhase, number> = { a: 0, b: 1, rc: 2 };

function invalid(text: string): PyrelError {
  return new PyrelError(`Invalid PEP 440 version "${text}".`, [VALID_EXAMPLES]);
}

function toNumber(digits: string, text: string): number {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) {
    throw new PyrelError(`Invalid PEP 440 version "${text}".`, [`${digits} is larger than ${Number.MAX_SAFE_INTEGER}, the largest number this tool handles exactly; use a smaller version number.`]);
  }
  return value;
}

/** Local segments: lower case, `-`/`_` become `.`, numeric parts lose leading zeros (as packaging does). */
function normalizeLocal(local: string): string {
  return local
    .toLowerCase()
    .split(/[-_.]/)
    .map((part) => (/^[0-9]+$/.test(part) ? part.replace(/^0+(?=[0-9])/, '') : part))
    .join('.');
}

/** Parses any spelling PEP 440 accepts; throws a PyrelError for anything else. */
export function parseVersion(text: string): Pep440Version {
  const groups = VERSION_PATTERN.exec(text)?.groups;
  if (!groups) throw invalid(text);
  const version: Pep440Version = {
    epoch: groups.epoch === undefined ? 0 : toNumber(groups.epoch, text),
    release: groups.release.split('.').map((part) => toNumber(part, text)),
  };
  if (groups.preL !== undefined) version.pre = { phase: PHASES[groups.preL.toLowerCase()], number: toNumber(groups.preN ?? '0', text) };
  const post = groups.postN1 ?? (groups.postL === undefined ? undefined : (groups.postN2 ?? '0'));
  if (post !== undefined) version.post = toNumber(post, text);
  if (groups.devL !== undefined) version.dev = toNumber(groups.devN ?? '0', text);
  if (groups.local !== undefined) version.local = normalizeLocal(groups.local);
  return version;
}

/** The canonical text: `1!2.0rc1.post2.dev3+local.x`. */
export function formatVersion(version: Pep440Version): string {
  let text = version.epoch ? `${version.epoch}!` : '';
  text += version.release.join('.');
  if (version.pre) text += `${version.pre.phase}${version.pre.number}`;
  if (version.post !== undefined) text += `.post${version.post}`;
  if (version.dev !== undefined) text += `.dev${version.dev}`;
  if (version.local) text += `+${version.local}`;
  return text;
}

/** `V1.0-RC.1` -> `1.0rc1`; throws for an invalid version. */
export function normalizeVersion(text: string): string {
  return formatVersion(parseVersion(text));
}

function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  // Trailing zeros are insignificant: 1.0 == 1.0.0.
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference) return sign(difference);
  }
  return 0;
}

// packaging's sort key: a dev release of a final release (1.0.dev1) sorts before its pre-releases,
// a release with no pre-release sorts after them, no post sorts before any post, no dev after any dev.
function preKey(v: Pep440Version): number {
  if (v.pre) return PHASE_RANK[v.pre.phase];
  return v.post === undefined && v.dev !== undefined ? -1 : 3;
}

function compareLocal(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    const xNumeric = /^[0-9]+$/.test(x);
    const yNumeric = /^[0-9]+$/.test(y);
    // Numeric segments sort after alphanumeric ones; numbers compare by value (no leading zeros here).
    if (xNumeric !== yNumeric) return xNumeric ? 1 : -1;
    if (xNumeric) return x.length !== y.length ? sign(x.length - y.length) : x < y ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return sign(left.length - right.length);
}

/** Orders parsed versions as PEP 440 (and pip) do; a local version sorts just after its public one. */
export function compareParsed(a: Pep440Version, b: Pep440Version): number {
  return (
    sign(a.epoch - b.epoch) ||
    compareRelease(a.release, b.release) ||
    sign(preKey(a) - preKey(b)) ||
    sign((a.pre?.number ?? 0) - (b.pre?.number ?? 0)) ||
    sign((a.post ?? -1) - (b.post ?? -1)) ||
    sign((a.dev ?? Infinity) - (b.dev ?? Infinity)) ||
    compareLocal(a.local, b.local)
  );
}

/** -1, 0 or 1 as `a` sorts before, equal to, or after `b` (`1.0.dev1 < 1.0a1 < 1.0 < 1.0.post1`). */
export function compareVersions(a: string, b: string): number {
  return compareParsed(parseVersion(a), parseVersion(b));
}

/** A pre-release or a developmental release: what pip skips unless asked for `--pre`. */
export function isPrerelease(text: string): boolean {
  const version = parseVersion(text);
  return version.pre !== undefined || version.dev !== undefined;
}

/** Reads a `--preid`: a, b, rc, dev, or the spellings PEP 440 normalises to them. */
export function parsePreid(text: string): Preid {
  const key = text.trim().toLowerCase();
  if (key === 'dev') return 'dev';
  const phase = PHASES[key];
  if (phase) return phase;
  throw new PyrelError(`Unknown pre-release kind "${text}".`, ['Use a (alpha), b (beta), rc (c, pre, preview) or dev, e.g. --preid=rc.']);
}

export function isBumpKeyword(text: string): text is BumpKeyword {
  return (BUMP_KEYWORDS as readonly string[]).includes(text);
}

const LEVEL: Record<Exclude<BumpKeyword, 'prerelease'>, 0 | 1 | 2> = { major: 0, minor: 1, patch: 2, premajor: 0, preminor: 1, prepatch: 2 };

/**
 * True when the version sorts below its own release segment: it has a pre-release (1.0rc1,
 * 1.0rc1.post1) or is a dev release of the final (1.0.dev1). A dev release of a post release
 * (1.0.post1.dev1) sorts above 1.0, so it is not.
 */
function precedesRelease(v: Pep440Version): boolean {
  return v.pre !== undefined || (v.dev !== undefined && v.post === undefined);
}

/**
 * The release segment with component `level` raised and later ones zeroed. Keeps the number of
 * components written (at least level + 1, at most 3): 1.0 minor -> 1.1, 1.0 patch -> 1.0.1,
 * 1.2.3.4 patch -> 1.2.4.
 */
function raised(release: readonly number[], level: 0 | 1 | 2): number[] {
  const length = Math.max(level + 1, Math.min(release.length, 3));
  return Array.from({ length }, (_, i) => (i < level ? (release[i] ?? 0) : i === level ? (release[i] ?? 0) + 1 : 0));
}

function start(preid: Preid): Pick<Pep440Version, 'pre' | 'dev'> {
  return preid === 'dev' ? { dev: 1 } : { pre: { phase: preid, number: 1 } };
}

function bumpPrerelease(v: Pep440Version, preid: Preid | undefined): Pep440Version {
  const { epoch, release } = v;
  if (!precedesRelease(v)) return { epoch, release: raised(release, 2), ...start(preid ?? DEFAULT_PREID) };
  if (!v.pre) {
    // 1.0.devN: another dev release, or the first pre-release of 1.0 (all of which sort above it).
    return preid === undefined || preid === 'dev' ? { epoch, release, dev: (v.dev ?? 0) + 1 } : { epoch, release, ...start(preid) };
  }
  const { phase, number } = v.pre;
  const nextInPhase = { epoch, release, pre: { phase, number: number + 1 } };
  if (preid === undefined || preid === 'dev') {
    if (v.dev !== undefined) return { epoch, release, pre: v.pre, post: v.post, dev: v.dev + 1 };
    return preid === 'dev' ? { ...nextInPhase, dev: 1 } : nextInPhase;
  }
  if (PHASE_RANK[preid] > PHASE_RANK[phase]) return { epoch, release, pre: { phase: preid, number: 1 } };
  if (preid === phase) return v.dev !== undefined && v.post === undefined ? { epoch, release, pre: v.pre } : nextInPhase;
  // A lower phase on the same release would sort below the current version: go to the next patch.
  return { epoch, release: raised(release, 2), pre: { phase: preid, number: 1 } };
}

/** bumpVersion on a parsed version. */
export function bumpParsed(v: Pep440Version, bump: BumpKeyword, preid?: Preid): Pep440Version {
  if (bump === 'prerelease') return bumpPrerelease(v, preid);
  const level = LEVEL[bump];
  if (bump.startsWith('pre')) return { epoch: v.epoch, release: raised(v.release, level), ...start(preid ?? DEFAULT_PREID) };
  // Like semver: a pre-release whose release already is a `level` release (2.0.0rc1 for major,
  // 1.3.0b2 for minor, any for patch) is finalised instead of skipped.
  if (precedesRelease(v) && v.release.slice(level + 1).every((n) => n === 0)) return { epoch: v.epoch, release: v.release.slice(0, 3) };
  return { epoch: v.epoch, release: raised(v.release, level) };
}

/**
 * The next version after `current`, always strictly greater, never with a local segment (indexes
 * refuse them), same epoch. Rules:
 * - major/minor/patch raise that component and zero the rest (1.2.3 -> 2.0.0 / 1.3.0 / 1.2.4);
 *   a pre/dev release of a version already at that level is finalised (2.0.0rc1 major -> 2.0.0,
 *   1.3.0b2 minor -> 1.3.0, 1.2.4rc1 patch -> 1.2.4, 1.0rc1.dev2 minor -> 1.0).
 * - premajor/preminor/prepatch always raise the release, then add `<preid>1` (default `rc`).
 * - prerelease: from a final or post release, the next patch with `<preid>1`; from a pre-release,
 *   the next number of the same phase (or of `preid`'s phase if that is higher); a lower phase
 *   moves to the next patch (2.0.0rc1 + a -> 2.0.1a1); dev releases count up their dev number
 *   unless a phase is asked for (1.0rc1.dev2 + rc -> 1.0rc1, 1.0.dev3 + a -> 1.0a1).
 */
export function bumpVersion(current: string, bump: BumpKeyword, preid?: Preid): string {
  return formatVersion(bumpParsed(parseVersion(current), bump, preid));
}

function sameRelease(a: Pep440Version, b: Pep440Version): boolean {
  return a.epoch === b.epoch && compareRelease(a.release, b.release) === 0;
}

function parsedOrUndefined(text: string): Pep440Version | undefined {
  try {
    return parseVersion(text);
  } catch {
    return undefined;
  }
}

export interface NextVersionOptions {
  current: string;
  /** A bump keyword or an explicit version. */
  specifier: BumpKeyword | string;
  preid?: Preid;
  /** Versions already on the index; non-PEP 440 (legacy) entries are ignored, as pip ignores them. */
  published?: readonly string[];
}

/**
 * The version a `version`/`publish` run moves to. A keyword bumps with bumpVersion; when that
 * version is not above every published one, the same bump is applied to the highest published
 * version instead (2.0.0b1 with b2, b3 published: prerelease -> 2.0.0b4), so the result is above
 * all of them. A taken pre-major/minor/patch continues that release's pre-releases (3.0.0a1
 * published: premajor a -> 3.0.0a2). An explicit version must be greater than `current` and not
 * published yet; it is returned normalised.
 */
export function nextVersion({ current, specifier, preid, published = [] }: NextVersionOptions): string {
  const from = parseVersion(current);
  const taken = published.map(parsedOrUndefined).filter((v): v is Pep440Version => v !== undefined);
  const keyword = specifier.trim();
  if (isBumpKeyword(keyword)) {
    const next = bumpParsed(from, keyword, preid);
    const highest = taken.reduce<Pep440Version | undefined>((max, v) => (max === undefined || compareParsed(v, max) > 0 ? v : max), undefined);
    if (!highest || compareParsed(next, highest) > 0) return formatVersion(next);
    if (keyword.startsWith('pre') && keyword !== 'prerelease' && precedesRelease(highest) && sameRelease(highest, next)) {
      return formatVersion(bumpParsed(highest, 'prerelease', preid ?? DEFAULT_PREID));
    }
    return formatVersion(bumpParsed(highest, keyword, preid));
  }
  const target = parsedOrUndefined(keyword);
  if (!target) {
    throw new PyrelError(`"${specifier}" is neither a bump keyword nor a valid PEP 440 version.`, [`Use one of ${BUMP_KEYWORDS.join(', ')}, or an explicit version such as 1.4.0, 2.0.0rc1 or 1.0.post1.`]);
  }
  const wanted = formatVersion(target);
  if (compareParsed(target, from) <= 0) {
    throw new PyrelError(`${wanted} is not greater than the current version ${formatVersion(from)}.`, [`Pass a version above ${formatVersion(from)}, e.g. ${formatVersion(bumpParsed(from, 'patch'))}, or a bump keyword such as patch.`]);
  }
  if (taken.some((v) => compareParsed(v, target) === 0)) {
    throw new PyrelError(`${wanted} is already published.`, ['An index never accepts the same version twice, even after a deletion; pick a version that is not on the index, or use a bump keyword, which skips published versions.']);
  }
  return wanted;
}
