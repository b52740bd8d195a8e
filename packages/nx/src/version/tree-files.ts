import type { Tree } from '@nx/devkit';
import type { WorkspaceFiles } from './workspace-files';

/** Workspace files as an Nx `Tree` sees them, so nx release's pending writes are read back. */
export function treeFiles(tree: Tree): WorkspaceFiles {
  return {
    read: (path) => (tree.exists(path) ? tree.read(path, 'utf-8') : null),
    children: (dir) => (tree.exists(dir) && !tree.isFile(dir) ? tree.children(dir) : []),
  };
}

/** Stages new texts in the tree; nx release flushes them to disk together (or not at all on a dry run). */
export function writeToTree(tree: Tree, texts: ReadonlyMap<string, string>): void {
  for (const [file, text] of texts) tree.write(file, text);
}
