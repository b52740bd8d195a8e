import { createHash } from 'node:crypto';
import type { Tree } from '@nx/devkit';

export type WorkflowWrite = 'created' | 'updated' | 'unchanged' | 'kept-edited';

const STAMP = /^# @pyrel\/nx:setup ([0-9a-f]{16})\n/;

const digest = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** The body with a first line recording its digest, so a later setup can tell whether anyone edited it. */
export function stamped(body: string): string {
  return `# @pyrel/nx:setup ${digest(body)}\n${body}`;
}

/** Whether `text` is a stamped file nobody has changed since it was generated. */
function isUnedited(text: string): boolean {
  const match = STAMP.exec(text);
  return match !== null && digest(text.slice(match[0].length)) === match[1];
}

/**
 * Writes a generated file: a new file, or the previous generation of it, is replaced; a file
 * someone edited is kept unless `force`, because a rerun of setup must never undo their work.
 */
export function writeGeneratedFile(tree: Tree, path: string, body: string, force: boolean): WorkflowWrite {
  const next = stamped(body);
  const current = tree.read(path, 'utf-8');
  if (current === null) {
    tree.write(path, next);
    return 'created';
  }
  if (current === next) return 'unchanged';
  if (!force && !isUnedited(current)) return 'kept-edited';
  tree.write(path, next);
  return 'updated';
}
