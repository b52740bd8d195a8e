import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCoreMetadata, type CoreMetadata } from '../core/core-metadata';
import { PyrelError } from '../core/errors';
import { consoleScripts } from '../core/wheel-contents';
import { zipEntries, zipEntryData } from '../core/zip-entries';

/** What the checks and the smoke test need from a built wheel. */
export interface WheelFile {
  fileName: string;
  entries: string[];
  metadata: CoreMetadata;
  consoleScripts: string[];
}

/** Reads a wheel's file list, its METADATA and its console scripts; `label` names it in errors. */
export function readWheel(path: string, label: string): WheelFile {
  const zip = readFileSync(path);
  const entries = zipEntries(zip, label);
  const distInfo = (file: string) => entries.find((e) => /^[^/]+\.dist-info\//.test(e.name) && e.name.endsWith(`.dist-info/${file}`) && e.name.split('/').length === 2);
  const metadataEntry = distInfo('METADATA');
  if (!metadataEntry) throw new PyrelError(`${label} has no .dist-info/METADATA.`, ['Rebuild it; a wheel without metadata cannot be installed.']);
  const entryPoints = distInfo('entry_points.txt');
  return {
    fileName: basename(path),
    entries: entries.map((e) => e.name).filter((name) => !name.endsWith('/')),
    metadata: parseCoreMetadata(zipEntryData(zip, metadataEntry, label).toString('utf8')),
    consoleScripts: entryPoints ? consoleScripts(zipEntryData(zip, entryPoints, label).toString('utf8')) : [],
  };
}
