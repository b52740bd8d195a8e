import { PyrelError } from './errors';
import { bumpParsed, formatVersion, parseVersion, type Pep440Version } from './pep440';

/**
 * The mapping maturin uses between a crate's Cargo (SemVer) version and the wheel's PEP 440
 * version. maturin 1.x hands `package.version` (with any `+build` metadata) to pep440_rs, a
 * PEP 440 parser that applies the spec's normalisation, so `1.3.0-beta.1` becomes `1.3.0b1`,
 * `-rc.1` `rc1`, `-pre.1` `rc1`, `-beta` `b0`, `-dev.1` `.dev1`, `-alpha.1.dev.2` `a1.dev2`,
 * `+build.5` the local version `+build.5`, and anything PEP 440 cannot read (`-nightly.1`) is
 * an error. Mind that the orders differ: SemVer puts `1.0.0-alpha.1.dev.2` after
 * `1.0.0-alpha.1`, PEP 440 puts `1.0.0a1.dev2` before `1.0.0a1`; a bare `1.0.0-1` is a SemVer
 * pre-release but the PEP 440 post release `1.0.0.post1`.
 */

// semver.org's grammar: numbers without leading zeros, dot-separated pre-release identifiers,
// build metadata after `+`.
const SEMVER =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const CARGO_TAGS = { a: 'alpha', b: 'beta', rc: 'rc' } as const;

/** The PEP 440 version maturin puts in the wheel for a Cargo.toml version. */
export function cargoToPep440(semver: string): string {
  const text = semver.trim();
  if (!SEMVER.test(text)) {
    throw new PyrelError(`Invalid Cargo version "${semver}".`, ['Cargo needs a SemVer version: MAJOR.MINOR.PATCH with an optional -pre-release and +build, e.g. 1.3.0 or 1.3.0-beta.1.']);
  }
  try {
    return formatVersion(parseVersion(text));
  } catch {
    throw new PyrelError(`maturin cannot turn the Cargo version "${semver}" into a Python version.`, [
      'maturin reads the Cargo version as PEP 440, which only knows the pre-release tags alpha (a), beta (b), rc (c, pre, preview), dev and post, each with an optional number.',
      'Write it as e.g. 1.3.0-alpha.1, 1.3.0-beta.2, 1.3.0-rc.1, 1.3.0-dev.1 or 1.3.0-alpha.1.dev.2.',
    ]);
  }
}

function problems(v: Pep440Version): string[] {
  const found: string[] = [];
  if (v.epoch) found.push(`an epoch (${v.epoch}!)`);
  if (v.release.length > 3) found.push(`${v.release.length} release numbers`);
  if (v.post !== undefined) found.push(`a post release (.post${v.post})`);
  if (v.local) found.push(`a local version (+${v.local})`);
  return found;
}

function toCargo(v: Pep440Version): string {
  const [major = 0, minor = 0, patch = 0] = v.release;
  const tags: string[] = [];
  if (v.pre) tags.push(CARGO_TAGS[v.pre.phase], String(v.pre.number));
  if (v.dev !== undefined) tags.push('dev', String(v.dev));
  return `${major}.${minor}.${patch}${tags.length ? `-${tags.join('.')}` : ''}`;
}

/**
 * The Cargo.toml form of a PEP 440 version, padded to three numbers: `1.3.0b1` -> `1.3.0-beta.1`,
 * `1.3` -> `1.3.0`, `1.0a1.dev2` -> `1.0.0-alpha.1.dev.2`; maturin maps each back to the same
 * version. Epochs, post releases, local versions and more than three numbers have no such form.
 */
export function pep440ToCargo(version: string): string {
  const v = parseVersion(version);
  const found = problems(v);
  if (found.length === 0) return toCargo(v);
  // Suggest the same version without the parts Cargo cannot hold, or the next patch when
  // dropping them would go backwards (a post release, a fourth number).
  const plain: Pep440Version = { epoch: 0, release: v.release, pre: v.pre, post: v.post, dev: v.dev };
  const suggestion = problems(plain).length ? bumpParsed(plain, 'patch') : plain;
  throw new PyrelError(`${formatVersion(v)} cannot be written to Cargo.toml: it has ${found.join(' and ')}.`, [
    'Cargo versions are SemVer (MAJOR.MINOR.PATCH with an optional a/b/rc and/or dev pre-release), which has no epochs, post releases, local versions or fourth number.',
    `Use a version without them for this maturin project, e.g. ${formatVersion(suggestion)} (Cargo ${toCargo(suggestion)}).`,
  ]);
}
