import type { DistributionFile } from './distribution-files';
import { versionOfDistributionFile } from './distribution-files';

/** A file we built, with its digest. */
export interface LocalFile {
  fileName: string;
  sha256: string;
}

/** What happens to one local file. */
export type FileDecision =
  /** Not on the index yet. */
  | 'upload'
  /** On the index with the same bytes (or a listing without a digest to compare). */
  | 'present'
  /** On the index under the same name with other bytes: an index never lets a file be replaced. */
  | 'conflict';

export interface PlannedFile extends LocalFile {
  decision: FileDecision;
}

export type UploadOutcome =
  /** Nothing of this version is on the index yet. */
  | 'new'
  /** Some files are there with the same bytes: upload the rest (a rerun after a partial upload). */
  | 'partial'
  /** Every file is there with the same bytes. */
  | 'already-published'
  /** The version is on the index with other bytes under a name we built: skip (error with --strict). */
  | 'conflict';

export interface UploadPlan {
  outcome: UploadOutcome;
  files: PlannedFile[];
  /** Files of this version the index has and we did not build (another platform's wheels). */
  onlyOnIndex: string[];
}

/**
 * Decides, per file, what a publish of `version` does given what the index lists for the project
 * (null: the index does not know it). Same name and digest -> already there; same name, other
 * digest -> conflict (uploading would fail, and a different build behind one version is worth
 * stopping for); otherwise upload.
 */
export function planUpload(local: readonly LocalFile[], indexFiles: readonly DistributionFile[] | null, distribution: string, version: string): UploadPlan {
  const ofVersion = (indexFiles ?? []).filter((file) => versionOfDistributionFile(file.filename, distribution) === version);
  const byName = new Map(ofVersion.map((file) => [file.filename, file]));
  const files: PlannedFile[] = local.map((file) => {
    const listed = byName.get(file.fileName);
    if (!listed) return { ...file, decision: 'upload' };
    return { ...file, decision: listed.sha256 === undefined || listed.sha256.toLowerCase() === file.sha256.toLowerCase() ? 'present' : 'conflict' };
  });
  const localNames = new Set(local.map((file) => file.fileName));
  const onlyOnIndex = ofVersion.map((file) => file.filename).filter((name) => !localNames.has(name)).sort();
  const count = (decision: FileDecision) => files.filter((file) => file.decision === decision).length;
  const outcome: UploadOutcome = count('conflict') > 0 ? 'conflict' : count('upload') === 0 ? 'already-published' : count('present') > 0 || onlyOnIndex.length > 0 ? 'partial' : 'new';
  return { outcome, files, onlyOnIndex };
}
