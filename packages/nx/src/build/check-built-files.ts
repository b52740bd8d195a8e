import { relative } from 'node:path';
import { metadataField } from '../core/core-metadata';
import { sdistNameProblem, wheelProblems } from '../core/distribution-checks';
import { PyrelError } from '../core/errors';
import { normalizeVersion } from '../core/pep440';
import type { Artifact } from '../python/build';
import type { FoundVersion } from '../version/version-sources';
import { readWheel, type WheelFile } from './wheel-file';

/** What the project says it is releasing: its distribution and, unless the backend computes it, its version and where that is written. */
export interface DeclaredRelease {
  distribution: string;
  version: string | null;
  sources: readonly FoundVersion[];
}

export interface BuiltFilesCheck {
  artifacts: readonly Artifact[];
  release: DeclaredRelease;
  allowTopLevel: readonly string[];
  workspaceRoot: string;
}

export interface CheckedWheel extends WheelFile {
  path: string;
}

function versionProblem(wheel: WheelFile, release: DeclaredRelease): string | null {
  const built = metadataField(wheel.metadata, 'Version');
  if (release.version === null || built === undefined) return null;
  let normalized: string;
  try {
    normalized = normalizeVersion(built);
  } catch {
    return null; // reported by wheelProblems
  }
  if (normalized === release.version) return null;
  const where = release.sources.filter((s) => s.source.kind !== 'cargo-lock').map((s) => `${s.source.file} says ${s.written}`);
  return `METADATA says version ${built}, but ${where.join(', ')}`;
}

/**
 * Our own checks of what a build produced: a wheel at all, each wheel's name, METADATA and
 * contents, its version against every version source, and PEP 625 sdist names. All problems of
 * all files are reported together, each naming its file.
 */
export function checkBuiltFiles({ artifacts, release, allowTopLevel, workspaceRoot }: BuiltFilesCheck): CheckedWheel[] {
  const problems: string[] = [];
  const wheels: CheckedWheel[] = [];
  for (const artifact of artifacts) {
    const label = relative(workspaceRoot, artifact.path);
    if (artifact.fileName.endsWith('.whl')) {
      const wheel = { ...readWheel(artifact.path, label), path: artifact.path };
      wheels.push(wheel);
      const found = [...wheelProblems({ ...wheel, distribution: release.distribution, allowTopLevel }), versionProblem(wheel, release)];
      problems.push(...found.filter((p): p is string => p !== null).map((p) => `${label}: ${p}`));
    } else if (release.version !== null) {
      const problem = sdistNameProblem(artifact.fileName, release.distribution, release.version);
      if (problem) problems.push(`${label}: ${problem}`);
    }
  }
  if (wheels.length === 0) problems.push(`no wheel was built (found: ${artifacts.map((a) => a.fileName).join(', ') || 'nothing'})`);
  if (problems.length > 0) {
    throw new PyrelError(`The built distributions of ${release.distribution} fail their checks.`, [
      ...problems.map((p) => `  ${p}`),
      'Fix the version sources or the build configuration (which files the wheel includes), then build again.',
    ]);
  }
  return wheels;
}
