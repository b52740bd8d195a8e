import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readCargoManifest, type CargoManifest } from '../core/cargo-manifest';
import { readPyproject, type PyprojectManifest } from '../core/pyproject';
import type { ManifestSet } from '../core/workspace-model';

type Entry = { hash: string; kind: 'pyproject'; manifest: PyprojectManifest } | { hash: string; kind: 'cargo'; manifest: CargoManifest };

/** Bump when the shape of a parsed manifest changes, so old cache files are ignored. */
const CACHE_FORMAT = 2;

export interface ReadManifests {
  manifests: ManifestSet;
  /** Files that could not be read or parsed, each with an error naming file, line and column. */
  errors: Array<[file: string, error: Error]>;
}

/**
 * Parsed pyproject.toml and Cargo.toml files, cached on disk by content hash: a graph rebuild
 * reads and hashes every manifest but parses only the ones that changed.
 */
export class ManifestStore {
  private entries = new Map<string, Entry>();
  private dirty = false;

  constructor(private readonly cacheFile: string) {
    try {
      const saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as { format: number; entries: Record<string, Entry> };
      if (saved.format === CACHE_FORMAT) this.entries = new Map(Object.entries(saved.entries));
    } catch {
      // No cache yet, or an unreadable one: start empty and rebuild it.
    }
  }

  /** Reads `files` (workspace-relative); with `prune`, forgets cached files not among them. */
  read(workspaceRoot: string, files: readonly string[], prune: boolean): ReadManifests {
    const pyprojects = new Map<string, PyprojectManifest>();
    const cargos = new Map<string, CargoManifest>();
    const errors: ReadManifests['errors'] = [];
    for (const file of files) {
      try {
        const entry = this.entry(workspaceRoot, file);
        if (entry.kind === 'pyproject') pyprojects.set(file, entry.manifest);
        else cargos.set(file, entry.manifest);
      } catch (error) {
        errors.push([file, error instanceof Error ? error : new Error(String(error))]);
      }
    }
    if (prune) {
      const wanted = new Set(files);
      for (const file of this.entries.keys()) {
        if (!wanted.has(file)) {
          this.entries.delete(file);
          this.dirty = true;
        }
      }
    }
    return { manifests: { pyprojects, cargos }, errors };
  }

  private entry(workspaceRoot: string, file: string): Entry {
    const text = readFileSync(join(workspaceRoot, file), 'utf8');
    const hash = createHash('sha1').update(text).digest('base64');
    const cached = this.entries.get(file);
    if (cached?.hash === hash) return cached;
    const entry: Entry = basename(file) === 'Cargo.toml'
      ? { hash, kind: 'cargo', manifest: readCargoManifest(text, file) }
      : { hash, kind: 'pyproject', manifest: readPyproject(text, file) };
    this.entries.set(file, entry);
    this.dirty = true;
    return entry;
  }

  /** Writes the cache if anything changed; written to a temp file and renamed, so readers never see half a file. */
  save(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.cacheFile), { recursive: true });
    const temporary = `${this.cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.entries) }));
    renameSync(temporary, this.cacheFile);
    this.dirty = false;
  }
}

const stores = new Map<string, ManifestStore>();

/** One store per cache file for the life of the plugin process (Nx keeps plugin workers alive under the daemon). */
export function manifestStore(cacheFile: string): ManifestStore {
  let store = stores.get(cacheFile);
  if (!store) {
    store = new ManifestStore(cacheFile);
    stores.set(cacheFile, store);
  }
  return store;
}
