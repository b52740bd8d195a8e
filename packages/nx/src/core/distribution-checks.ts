import { metadataField, type CoreMetadata } from './core-metadata';
import { normalizeVersion } from './pep440';
import { normalizeDistributionName } from './python-names';

/** The name part of wheel and sdist file names: PEP 503-normalised, `-` escaped as `_` (PEP 491, PEP 625). */
export function fileNamePrefix(distribution: string): string {
  return normalizeDistributionName(distribution).replace(/-/g, '_');
}

/** Top-level names that mean a build picked up a directory it should not ship into site-packages. */
export const STRAY_TOP_LEVEL = ['tests', 'test', 'testing', 'docs', 'doc', 'examples', 'example', 'benchmarks', 'bench', 'src', 'build', 'dist'];

const MODULE_FILE = /^[A-Za-z_]\w*(\.[\w-]+)?\.(py|pyi|so|pyd)$|\.pth$/;

function normalizedOrNull(version: string | undefined): string | null {
  try {
    return version === undefined ? null : normalizeVersion(version);
  } catch {
    return null;
  }
}

export interface WheelUnderCheck {
  fileName: string;
  /** Paths of every file in the wheel. */
  entries: readonly string[];
  metadata: CoreMetadata;
  distribution: string;
  /** Top-level names the project ships on purpose (`allowTopLevel`), exempt from the stray check. */
  allowTopLevel?: readonly string[];
}

/**
 * What is wrong with a built wheel, one sentence each: its file name and METADATA against the
 * distribution, and its contents in the spirit of check-wheel-contents (a stray `tests/` or
 * README at the top level installs into everyone's site-packages).
 */
export function wheelProblems({ fileName, entries, metadata, distribution, allowTopLevel = [] }: WheelUnderCheck): string[] {
  const problems: string[] = [];
  const fields = fileName.replace(/\.whl$/, '').split('-');
  const prefix = fileNamePrefix(distribution);
  if (fields[0] !== prefix) problems.push(`the file name starts with "${fields[0]}", not the normalised name "${prefix}"`);
  const name = metadataField(metadata, 'Name');
  if (!name || normalizeDistributionName(name) !== normalizeDistributionName(distribution)) {
    problems.push(`METADATA names "${name ?? ''}", not ${distribution}`);
  }
  const version = normalizedOrNull(metadataField(metadata, 'Version'));
  if (version === null) problems.push(`METADATA has no valid Version (found "${metadataField(metadata, 'Version') ?? ''}")`);
  else if (normalizedOrNull(fields[1]) !== version) problems.push(`the file name says version ${fields[1]} but METADATA says ${version}`);

  const topLevel = new Set<string>();
  let hasData = false;
  for (const entry of entries) {
    const [first, ...rest] = entry.split('/');
    if (/\.dist-info$/.test(first)) continue;
    if (/\.data$/.test(first)) {
      hasData = true;
      continue;
    }
    if (rest.length === 0) {
      if (!MODULE_FILE.test(first)) problems.push(`${first} sits at the top level of the wheel and would install straight into site-packages`);
      topLevel.add(first);
    } else {
      topLevel.add(first);
    }
  }
  for (const name of topLevel) {
    if (STRAY_TOP_LEVEL.includes(name) && !allowTopLevel.includes(name)) {
      problems.push(`it ships a top-level "${name}/" that would install as a package named ${name} (exclude it from the wheel, or list it in allowTopLevel)`);
    }
  }
  if (topLevel.size === 0 && !hasData) problems.push('it contains no Python module or package');
  return problems;
}

/** What is wrong with an sdist's file name (PEP 625: `{normalised_name}-{version}.tar.gz`), or null. */
export function sdistNameProblem(fileName: string, distribution: string, version: string): string | null {
  const expected = `${fileNamePrefix(distribution)}-${normalizeVersion(version)}.tar.gz`;
  return fileName === expected ? null : `the sdist is named ${fileName}; PEP 625 names it ${expected}`;
}
