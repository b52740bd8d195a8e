import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `target` by filling a temporary sibling and renaming it into place, so a failed or
 * interrupted install never leaves a half-made directory that later runs would trust. When two
 * processes race, the first rename wins and the loser's copy is discarded.
 */
export async function createDirectoryAtomically(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = mkdtempSync(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    await fill(temporary);
    if (!existsSync(target)) renameSync(temporary, target);
  } catch (error) {
    if (!existsSync(target)) throw error;
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}
