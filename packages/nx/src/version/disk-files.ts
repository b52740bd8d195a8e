import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceFiles } from './workspace-files';

/** Workspace files on disk, by workspace-relative path. */
export function diskFiles(workspaceRoot: string): WorkspaceFiles {
  return {
    read: (path) => {
      const absolute = join(workspaceRoot, path);
      return existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
    },
    children: (dir) => {
      try {
        return readdirSync(join(workspaceRoot, dir));
      } catch {
        return [];
      }
    },
  };
}

/**
 * Writes every new text to a temporary sibling first and renames them into place only when all
 * were written, so a failure (disk full, permissions) leaves every file as it was.
 */
export function commitWrites(workspaceRoot: string, texts: ReadonlyMap<string, string>): void {
  const staged: Array<[temporary: string, target: string]> = [];
  try {
    for (const [file, text] of texts) {
      const target = join(workspaceRoot, file);
      const temporary = `${target}.pyrel-${process.pid}.tmp`;
      writeFileSync(temporary, text);
      staged.push([temporary, target]);
    }
  } catch (error) {
    staged.forEach(([temporary]) => rmSync(temporary, { force: true }));
    throw error;
  }
  staged.forEach(([temporary, target]) => renameSync(temporary, target));
}

/** Puts files back as they were before commitWrites: the old text, or no file where there was none. */
export function restoreFiles(workspaceRoot: string, originals: ReadonlyMap<string, string | null>): void {
  const existing = new Map([...originals].filter((entry): entry is [string, string] => entry[1] !== null));
  commitWrites(workspaceRoot, existing);
  for (const [file, text] of originals) if (text === null) rmSync(join(workspaceRoot, file), { force: true });
}
