import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PyrelError } from '../core/errors';
import { twineUploadArguments, uvUploadArguments, withAttestations } from './attestations';

describe('attestations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyrel-attestations-'));
    mkdirSync(join(dir, 'dist'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const wheel = 'dist/pkg-1.0-py3-none-any.whl';
  const sdist = 'dist/pkg-1.0.tar.gz';
  const sign = (file: string) => writeFileSync(join(dir, `${file}.publish.attestation`), '{}');

  it('finds the attestation beside each file, relative to the working directory', () => {
    sign(wheel);
    expect(withAttestations([wheel, sdist], dir)).toEqual([
      { file: wheel, attestation: `${wheel}.publish.attestation` },
      { file: sdist, attestation: null },
    ]);
  });

  it('gives uv every file followed by its attestation, if any', () => {
    sign(wheel);
    expect(uvUploadArguments(withAttestations([wheel, sdist], dir))).toEqual([wheel, `${wheel}.publish.attestation`, sdist]);
  });

  it('gives twine the files alone when none is signed', () => {
    expect(twineUploadArguments(withAttestations([wheel, sdist], dir))).toEqual([wheel, sdist]);
  });

  it('gives twine --attestations with every attestation when all are signed', () => {
    sign(wheel);
    sign(sdist);
    expect(twineUploadArguments(withAttestations([wheel, sdist], dir))).toEqual(['--attestations', wheel, `${wheel}.publish.attestation`, sdist, `${sdist}.publish.attestation`]);
  });

  it('refuses, before twine runs, a set where only some files are signed, naming the unsigned ones', () => {
    sign(wheel);
    const attempt = () => twineUploadArguments(withAttestations([wheel, sdist], dir));
    expect(attempt).toThrow(PyrelError);
    expect(attempt).toThrow(/some do not \(pkg-1\.0\.tar\.gz\); twine uploads attestations for every file or for none/);
  });
});
