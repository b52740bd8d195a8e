/**
 * Read access to workspace files by workspace-relative path, injected so the same version logic
 * runs on disk (the `version` executor) and on an Nx `Tree` (nx release version actions).
 */
export interface WorkspaceFiles {
  /** The file's text, or null when it does not exist. */
  read(path: string): string | null;
  /** Names of the entries of a directory (empty when it does not exist). */
  children(dir: string): string[];
}

export const joinPath = (dir: string, name: string) => (dir === '.' || dir === '' ? name : `${dir}/${name}`);
