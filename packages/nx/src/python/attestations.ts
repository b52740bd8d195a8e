import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PyrelError } from '../core/errors';

/** A file to upload and its PEP 740 attestation, if it has one. */
export interface UploadFile {
  file: string;
  attestation: string | null;
}

/**
 * Each file with its PEP 740 attestation when one lies beside it (`<file>.publish.attestation`,
 * as pypi-attestations writes them in the release workflow's signing step); uploaders send an
 * attestation only when it is among their arguments.
 */
export function withAttestations(files: readonly string[], cwd: string): UploadFile[] {
  return files.map((file) => ({ file, attestation: existsSync(resolve(cwd, `${file}.publish.attestation`)) ? `${file}.publish.attestation` : null }));
}

/** `uv publish` arguments: every file, each followed by its attestation if it has one. */
export const uvUploadArguments = (files: readonly UploadFile[]): string[] => files.flatMap(({ file, attestation }) => (attestation ? [file, attestation] : [file]));

/**
 * `twine upload` arguments: twine sends attestations only with `--attestations`, and then
 * requires one for every file, so a set where only some files are signed is refused here, before
 * anything is uploaded.
 */
export function twineUploadArguments(files: readonly UploadFile[]): string[] {
  const unsigned = files.filter((f) => f.attestation === null).map((f) => basename(f.file));
  if (unsigned.length === files.length) return files.map((f) => f.file);
  if (unsigned.length > 0) {
    throw new PyrelError(`Some files to upload have a PEP 740 attestation beside them and some do not (${unsigned.join(', ')}); twine uploads attestations for every file or for none.`, [
      'Sign every file (the release workflow runs `pypi-attestations sign` on all of dist/), or delete the *.publish.attestation files to upload without them.',
    ]);
  }
  return ['--attestations', ...files.flatMap((f) => [f.file, f.attestation as string])];
}
