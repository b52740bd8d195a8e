import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createDirectoryAtomically } from './atomic-dir';

let parent: string;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'pyrel-atomic-dir-'));
});

afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

describe('createDirectoryAtomically', () => {
  it('fills a temporary sibling and renames it into place', async () => {
    const target = join(parent, 'cache', 'uv-1.0');
    let filled = '';

    await createDirectoryAtomically(target, async (dir) => {
      filled = dir;
      expect(basename(dir).startsWith('.uv-1.0.partial-')).toBe(true);
      expect(existsSync(target)).toBe(false);
      writeFileSync(join(dir, 'marker'), 'done');
    });

    expect(readFileSync(join(target, 'marker'), 'utf8')).toBe('done');
    expect(existsSync(filled)).toBe(false);
    expect(readdirSync(join(parent, 'cache'))).toEqual(['uv-1.0']);
  });

  it('rethrows a failing fill and leaves neither the target nor a partial sibling', async () => {
    const target = join(parent, 'uv-1.0');
    const failure = new Error('pip install failed');

    await expect(
      createDirectoryAtomically(target, async (dir) => {
        writeFileSync(join(dir, 'half-written'), '');
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(readdirSync(parent)).toEqual([]);
  });

  it('keeps a target that appeared while filling and discards its own copy', async () => {
    const target = join(parent, 'uv-1.0');

    await createDirectoryAtomically(target, async (dir) => {
      writeFileSync(join(dir, 'marker'), 'loser');
      mkdirSync(target);
      writeFileSync(join(target, 'marker'), 'winner');
    });

    expect(readFileSync(join(target, 'marker'), 'utf8')).toBe('winner');
    expect(readdirSync(parent)).toEqual(['uv-1.0']);
  });

  it('resolves when a fill fails after another process already created the target', async () => {
    const target = join(parent, 'uv-1.0');

    await createDirectoryAtomically(target, async () => {
      mkdirSync(target);
      writeFileSync(join(target, 'marker'), 'winner');
      throw new Error('lost the race halfway');
    });

    expect(readFileSync(join(target, 'marker'), 'utf8')).toBe('winner');
    expect(readdirSync(parent)).toEqual(['uv-1.0']);
  });
});
