import { PyrelError } from '../core/errors';
import { replaceDunderVersion, findDunderVersion } from '../core/dunder-version';
import { pep440ToCargo } from '../core/semver-mapping';
import { requirementName } from '../core/python-names';
import { raiseCargoPin } from '../core/cargo-pins';
import { raiseRequirementPin } from '../core/requirement-pins';
import { applyStringEdits, findStringSites, siteAt, type TomlStringEdit } from '../core/toml-edit';
import { directoryOf } from '../core/workspace-paths';
import type { PyrelProjectFacts } from './project-facts';
import type { FoundVersion } from './version-sources';
import { joinPath, type WorkspaceFiles } from './workspace-files';

/**
 * New file texts computed before anything is written: edits to one file chain, each reading
 * the text the previous one produced, so a file touched twice (a version and a pin) stays whole.
 */
export class PendingWrites {
  /** Per file: its text before any edit (null when the file is new) and after the edits so far. */
  private readonly texts = new Map<string, { before: string | null; after: string }>();

  constructor(private readonly files: WorkspaceFiles) {}

  edit(file: string, change: (text: string) => string): void {
    this.change(file, (text) => {
      if (text === null) throw new PyrelError(`${file} does not exist.`, ['Run `nx reset` if the project moved, then try again.']);
      return change(text);
    });
  }

  /** Like edit, for a file that may not exist yet (`null`), such as a first CHANGELOG.md. */
  change(file: string, change: (text: string | null) => string): void {
    const current = this.texts.get(file);
    const before = current ? current.before : this.files.read(file);
    this.texts.set(file, { before, after: change(current ? current.after : before) });
  }

  /** Files whose text actually changed, with their new text. */
  changed(): Map<string, string> {
    return new Map([...this.texts].filter(([, t]) => t.after !== t.before).map(([file, t]) => [file, t.after]));
  }

  /** What each changed file held before (null: it did not exist), to put back when a later step fails. */
  originals(): Map<string, string | null> {
    return new Map([...this.texts].filter(([, t]) => t.after !== t.before).map(([file, t]) => [file, t.before]));
  }
}

function editString(text: string, file: string, path: (string | number)[], value: string): string {
  const site = siteAt(findStringSites(text, file), path);
  return site ? applyStringEdits(text, [{ site, value }], file) : text;
}

/** Writes `newVersion` (PEP 440) into every source found, in each file's own form (SemVer for Cargo). */
export function planVersionWrites(sources: readonly FoundVersion[], newVersion: string, writes: PendingWrites): void {
  for (const { source } of sources) {
    switch (source.kind) {
      case 'pyproject':
        writes.edit(source.file, (text) => editString(text, source.file, ['project', 'version'], newVersion));
        break;
      case 'dunder':
        writes.edit(source.file, (text) => {
          const found = findDunderVersion(text);
          return found ? replaceDunderVersion(text, found, newVersion) : text;
        });
        break;
      case 'cargo-package':
        writes.edit(source.file, (text) => editString(text, source.file, ['package', 'version'], pep440ToCargo(newVersion)));
        break;
      case 'cargo-workspace':
        writes.edit(source.file, (text) => editString(text, source.file, ['workspace', 'package', 'version'], pep440ToCargo(newVersion)));
        break;
      case 'cargo-lock':
        writes.edit(source.file, (text) => {
          const sites = findStringSites(text, source.file);
          const entry = sites.find((s) => s.path.length === 3 && s.path[0] === 'package' && s.path[2] === 'name' && s.value === source.crate);
          return entry ? editString(text, source.file, ['package', entry.path[1], 'version'], pep440ToCargo(newVersion)) : text;
        });
        break;
    }
  }
}

/** Whether a string site is a requirement: `[project].dependencies`, an extra, or a dependency group entry. */
function isRequirementSite(path: readonly (string | number)[]): boolean {
  const [table, key, third, fourth] = path;
  if (table === 'project' && key === 'dependencies') return typeof third === 'number' && path.length === 3;
  if (table === 'project' && key === 'optional-dependencies') return typeof fourth === 'number' && path.length === 4;
  return table === 'dependency-groups' && typeof third === 'number' && path.length === 3;
}

/** Raises every requirement on `distribution` in `pyproject` to `newVersion`, in its own specifier style. */
export function planPinWrites(pyproject: string, distribution: string, newVersion: string, writes: PendingWrites): void {
  writes.edit(pyproject, (text) => {
    const edits: TomlStringEdit[] = findStringSites(text, pyproject)
      .filter((site) => isRequirementSite(site.path) && requirementName(site.value) === distribution)
      .map((site) => ({ site, value: raiseRequirementPin(site.value, newVersion, pyproject) }))
      .filter((edit) => edit.value !== edit.site.value);
    return edits.length > 0 ? applyStringEdits(text, edits, pyproject) : text;
  });
}

const CARGO_DEPENDENCY_TABLES = new Set(['dependencies', 'dev-dependencies', 'build-dependencies']);

/**
 * Where a string site declares a Cargo dependency's version: `[dependencies] key = "1"` or
 * `key = { version = "1" }`, also under `[target.<cfg>.…]` and `[workspace.dependencies]`.
 * Returns the entry's path (up to its key) or null.
 */
function cargoDependencyEntry(path: readonly (string | number)[]): (string | number)[] | null {
  const entry = path[path.length - 1] === 'version' && path.length >= 3 ? path.slice(0, -1) : path.slice();
  const table = entry.slice(0, -1);
  const prefixOk = table.length === 1 || (table.length === 2 && table[0] === 'workspace') || (table.length === 3 && table[0] === 'target');
  return prefixOk && CARGO_DEPENDENCY_TABLES.has(String(table[table.length - 1])) && typeof entry[entry.length - 1] === 'string' ? entry : null;
}

/** Raises every Cargo requirement on `crate` in `cargoManifest` to `newVersion` (PEP 440, written as SemVer), in its own style. */
export function planCargoPinWrites(cargoManifest: string, crate: string, newVersion: string, writes: PendingWrites): void {
  const newCargoVersion = pep440ToCargo(newVersion);
  writes.edit(cargoManifest, (text) => {
    const sites = findStringSites(text, cargoManifest);
    const edits: TomlStringEdit[] = [];
    for (const site of sites) {
      const entry = cargoDependencyEntry(site.path);
      if (!entry) continue;
      // `package = "…"` renames a dependency: the key is then not the crate's name.
      const dependsOn = siteAt(sites, [...entry, 'package'])?.value ?? entry[entry.length - 1];
      if (dependsOn !== crate) continue;
      const value = raiseCargoPin(site.value, newCargoVersion, cargoManifest);
      if (value !== site.value) edits.push({ site, value });
    }
    return edits.length > 0 ? applyStringEdits(text, edits, cargoManifest) : text;
  });
}

/** Raises the pins on `dependency` (moving to `newVersion`) in `dependent`'s pyproject.toml and Cargo.toml. */
export function planDependentWrites(dependent: PyrelProjectFacts, dependency: PyrelProjectFacts, newVersion: string, writes: PendingWrites): void {
  if (dependency.distribution && dependent.pyproject) planPinWrites(dependent.pyproject, dependency.distribution, newVersion, writes);
  if (dependency.crate && dependent.cargoManifest) planCargoPinWrites(dependent.cargoManifest, dependency.crate, newVersion, writes);
}

/**
 * Directories whose uv.lock records the changed pyproject files: for each, the nearest directory
 * at or above it (up to the workspace root) holding a uv.lock.
 */
export function uvLockDirectories(changedFiles: Iterable<string>, files: WorkspaceFiles): string[] {
  const found = new Set<string>();
  for (const file of changedFiles) {
    if (!file.endsWith('pyproject.toml')) continue;
    for (let dir = directoryOf(file); ; dir = directoryOf(dir)) {
      if (files.read(joinPath(dir, 'uv.lock')) !== null) {
        found.add(dir);
        break;
      }
      if (dir === '.') break;
    }
  }
  return [...found].sort();
}
