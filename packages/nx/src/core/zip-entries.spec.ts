import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '../testing/zip-writer';
import { thrownBy } from '../testing/pyrel-errors';
import { zipEntries, zipEntryData } from './zip-entries';

describe('zipEntries / zipEntryData', () => {
  it.each([[true], [false]])('lists entries and reads their text (deflated: %s), past a trailing comment', (deflate) => {
    const zip = writeZip({ 'a/__init__.py': '', 'a-1.0.dist-info/METADATA': 'Name: a\nVersion: 1.0\n' }, { deflate, comment: 'made by a test' });
    const entries = zipEntries(zip, 'a.whl');
    expect(entries.map((e) => e.name)).toEqual(['a/__init__.py', 'a-1.0.dist-info/METADATA']);
    expect(zipEntryData(zip, entries[1], 'a.whl').toString('utf8')).toBe('Name: a\nVersion: 1.0\n');
  });

  it('reads an archive written by Python\'s zipfile, as build backends write wheels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pyrel-zip-'));
    try {
      const path = join(dir, 'x.whl');
      const script = 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    z.writestr("x/__init__.py", "X = 1\\n" * 100)\n    z.writestr("x-1.0.dist-info/RECORD", "")\n';
      execFileSync('python3', ['-c', script, path]);
      const zip = readFileSync(path);
      const entries = zipEntries(zip, 'x.whl');
      expect(entries.map((e) => e.name)).toEqual(['x/__init__.py', 'x-1.0.dist-info/RECORD']);
      expect(zipEntryData(zip, entries[0], 'x.whl').toString('utf8')).toBe('X = 1\n'.repeat(100));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an empty buffer', Buffer.alloc(0), 'too short'],
    ['text', Buffer.from('this is not a zip archive at all, just some words'), 'no end of central directory record'],
  ])('names the file when given %s', (_label, buffer, reason) => {
    expect(thrownBy(() => zipEntries(buffer, 'dist/bad.whl')).title).toBe(`dist/bad.whl is not a readable zip archive: ${reason}.`);
  });

  it('rejects a damaged central directory and an unknown compression method', () => {
    const zip = writeZip({ 'a.py': 'x' });
    const damaged = Buffer.from(zip);
    damaged.writeUInt32LE(0, zip.length - 22 - 46 - 'a.py'.length);
    expect(thrownBy(() => zipEntries(damaged, 'a.whl')).title).toContain('central directory entry 0 is damaged');
    const [entry] = zipEntries(zip, 'a.whl');
    expect(thrownBy(() => zipEntryData(zip, { ...entry, method: 12 }, 'a.whl')).title).toContain('a.py uses compression method 12');
  });
});
