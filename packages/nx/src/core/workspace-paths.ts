import { posix } from 'node:path';

/** The workspace-relative directory of a workspace-relative file (`.` for the root). */
export function directoryOf(file: string): string {
  return posix.dirname(file);
}

/**
 * Resolves `relative` against workspace-relative `directory`; null when the result leaves the
 * workspace (such a dependency cannot be a project of this workspace).
 */
export function resolveInWorkspace(directory: string, relative: string): string | null {
  // An absolute path (`/x`, `C:\x`, `\\server\x`) is never inside a relocatable workspace.
  if (/^([/\\]|[A-Za-z]:)/.test(relative)) return null;
  const joined = posix.normalize(posix.join(directory, relative.replace(/\\/g, '/'))).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '' ? '.' : joined;
}

/** `child` is `parent` or lies below it. */
export function isWithin(child: string, parent: string): boolean {
  return parent === '.' || child === parent || child.startsWith(`${parent}/`);
}

/** `child` relative to `parent` (which contains it). */
export function relativeTo(child: string, parent: string): string {
  return posix.relative(parent === '.' ? '' : parent, child) || '.';
}
