import { join } from 'node:path';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';
import { buildWorkspaceModel, type WorkspaceModel } from '../core/workspace-model';
import { manifestStore, type ReadManifests } from './manifest-store';

export const MANIFEST_FILE_NAMES = ['pyproject.toml', 'Cargo.toml'];
export const MANIFEST_GLOB = `**/{${MANIFEST_FILE_NAMES.join(',')}}`;

/** The model createNodes last built per workspace: createDependencies runs right after it in the same plugin process. */
const latestModels = new Map<string, WorkspaceModel>();

const cacheFiles = new Map<string, string>();

/**
 * In Nx's workspace data directory, so `nx reset` clears it with the rest of the graph caches.
 * Memoised: Nx may spawn git to locate that directory.
 */
function cacheFile(workspaceRoot: string): string {
  let file = cacheFiles.get(workspaceRoot);
  if (!file) {
    file = join(workspaceDataDirectoryForWorkspace(workspaceRoot), 'pyrel-nx-manifests.json');
    cacheFiles.set(workspaceRoot, file);
  }
  return file;
}

/** Reads every manifest (cached by content hash), builds the model and remembers it for createDependencies. */
export function modelFromFiles(workspaceRoot: string, files: readonly string[]): { model: WorkspaceModel; errors: ReadManifests['errors'] } {
  const store = manifestStore(cacheFile(workspaceRoot));
  try {
    const { manifests, errors } = store.read(workspaceRoot, files, true);
    const model = buildWorkspaceModel(manifests);
    latestModels.set(workspaceRoot, model);
    return { model, errors };
  } finally {
    store.save();
  }
}

/** The model for createDependencies: the one createNodes just built, or one built from the file map. */
export function latestModel(workspaceRoot: string, allFiles: () => string[]): WorkspaceModel {
  return latestModels.get(workspaceRoot) ?? modelFromFiles(workspaceRoot, allFiles()).model;
}
