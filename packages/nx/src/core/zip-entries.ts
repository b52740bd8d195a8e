import { inflateRawSync } from 'node:zlib';
import { PyrelError } from './errors';

/** One file of a zip archive (a wheel), as its central directory records it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

function notAZip(label: string, reason: string): PyrelError {
  return new PyrelError(`${label} is not a readable zip archive: ${reason}.`, ['Rebuild it; a wheel is a zip file written by the build backend.']);
}

function endOfCentralDirectory(zip: Buffer, label: string): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw notAZip(label, 'no end of central directory record');
}

/** The entries of a zip archive in central-directory order (wheels never need zip64). */
export function zipEntries(zip: Buffer, label: string): ZipEntry[] {
  if (zip.length < 22) throw notAZip(label, 'too short');
  const end = endOfCentralDirectory(zip, label);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) throw notAZip(label, 'zip64 archives are not supported');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw notAZip(label, `central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated, the two methods wheels use). */
export function zipEntryData(zip: Buffer, entry: ZipEntry, label: string): Buffer {
  const header = entry.localHeaderOffset;
  if (header + 30 > zip.length || zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) throw notAZip(label, `the local header of ${entry.name} is damaged`);
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) return Buffer.from(data);
  if (entry.method === DEFLATED) return inflateRawSync(data);
  throw notAZip(label, `${entry.name} uses compression method ${entry.method}`);
}
