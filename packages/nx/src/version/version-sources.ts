import { readCargoManifest } from '../core/cargo-manifest';
import { findDunderVersion } from '../core/dunder-version';
import { PyrelError } from '../core/errors';
import { normalizeVersion } from '../core/pep440';
import { readPyproject } from '../core/pyproject';
import { cargoToPep440 } from '../core/semver-mapping';
import { findStringSites, siteAt } from '../core/toml-edit';
import { directoryOf } from '../core/workspace-paths';
import type { VersionedProject } from './project-facts';
import { joinPath, type WorkspaceFiles } from './workspace-files';

/** One place a project's version is written. */
export type VersionSource =
  | { kind: 'pyproject'; file: string }
  | { kind: 'dunder'; file: string }
  | { kind: 'cargo-package'; file: string }
  | { kind: 'cargo-workspace'; file: string }
  | { kind: 'cargo-lock'; file: string; crate: string };

export interface FoundVersion {
  source: VersionSource;
  /** As written in the file (SemVer in Cargo files). */
  written: string;
  /** Normalised PEP 440, comparable across sources. */
  version: string;
}


const DUNDER_FILES = ['__init__.py', '_version.py', '__about__.py'];
const SKIPPED_DIRS = new Set(['tests', 'test', 'docs', 'dist', 'build', 'target', 'node_modules', '.venv', 'venv', '.git']);

/** `__version__` files of the project's top-level packages, in src layout or flat layout. */
function dunderFiles(root: string, files: WorkspaceFiles): string[] {
  const found: string[] = [];
  for (const base of [joinPath(root, 'src'), root]) {
    for (const name of files.children(base).sort()) {
      if (SKIPPED_DIRS.has(name) || name.startsWith('.') || !/^[A-Za-z_]\w*$/.test(name)) continue;
      const packageDir = joinPath(base, name);
      if (files.read(joinPath(packageDir, '__init__.py')) === null) continue;
      for (const file of DUNDER_FILES) {
        const path = joinPath(packageDir, file);
        const text = files.read(path);
        if (text !== null && findDunderVersion(text)) found.push(path);
      }
    }
  }
  return found;
}

/** The Cargo workspace manifest above `crateDir` that declares `[workspace]`, walking up to the workspace root. */
function cargoWorkspaceManifest(crateDir: string, files: WorkspaceFiles): string | undefined {
  for (let dir = directoryOf(crateDir); ; dir = directoryOf(dir)) {
    const file = joinPath(dir, 'Cargo.toml');
    const text = files.read(file);
    if (text !== null && readCargoManifest(text, file).workspace) return file;
    if (dir === '.') return undefined;
  }
}

function mustRead(files: WorkspaceFiles, path: string): string {
  const text = files.read(path);
  if (text === null) throw new PyrelError(`${path} does not exist.`, ['Run `nx reset` if the project moved, then try again.']);
  return text;
}

/** Normalises a version as found in `file`, so an invalid one is reported with where it was read. */
function versionIn(file: string, written: string, toPep440: (text: string) => string): string {
  try {
    return toPep440(written);
  } catch (error) {
    if (!(error instanceof PyrelError)) throw error;
    throw new PyrelError(`${file}: ${error.title}`, error.bodyLines);
  }
}

function stringAt(text: string, file: string, path: (string | number)[]): string | undefined {
  return siteAt(findStringSites(text, file), path)?.value;
}

/**
 * Every place the project's version is written, with the value found there: `[project].version`,
 * `__version__` of its packages, and for a maturin project the crate's version (its own, or the
 * Cargo workspace's for `version.workspace = true`) and its Cargo.lock entry.
 */
export function readVersionSources(project: VersionedProject, files: WorkspaceFiles): FoundVersion[] {
  const found = findVersionSources(project, files);
  if (found.length === 0) {
    throw new PyrelError(`${project.name} has no version to read.`, [
      project.pyproject
        ? `Set [project].version in ${project.pyproject}, or for a maturin project [package].version in its Cargo.toml with dynamic = ["version"].`
        : `Set [package].version in ${project.cargoManifest}.`,
    ]);
  }
  return found;
}

/** The project's version, or null when no file declares one (a version the build backend computes, as hatch-vcs does). */
export function declaredVersion(project: VersionedProject, files: WorkspaceFiles): string | null {
  const found = findVersionSources(project, files);
  return found.length ? currentVersion(project, found) : null;
}

/** Like readVersionSources, but empty (not an error) for a project that declares no version. */
export function findVersionSources(project: VersionedProject, files: WorkspaceFiles): FoundVersion[] {
  const found: FoundVersion[] = [];
  if (project.pyproject) {
    const manifest = readPyproject(mustRead(files, project.pyproject), project.pyproject);
    if (manifest.project?.version !== undefined) {
      found.push({ source: { kind: 'pyproject', file: project.pyproject }, written: manifest.project.version, version: versionIn(project.pyproject, manifest.project.version, normalizeVersion) });
    }
    for (const file of dunderFiles(project.root, files)) {
      const written = findDunderVersion(mustRead(files, file))?.value as string;
      found.push({ source: { kind: 'dunder', file }, written, version: versionIn(file, written, normalizeVersion) });
    }
  }
  if (project.cargoManifest) {
    const cargoText = mustRead(files, project.cargoManifest);
    const cargo = readCargoManifest(cargoText, project.cargoManifest);
    const crate = cargo.package?.name;
    let lockDir = directoryOf(project.cargoManifest);
    if (typeof cargo.package?.version === 'string') {
      found.push({ source: { kind: 'cargo-package', file: project.cargoManifest }, written: cargo.package.version, version: versionIn(project.cargoManifest, cargo.package.version, cargoToPep440) });
    } else if (cargo.package?.version) {
      const workspaceFile = cargoWorkspaceManifest(directoryOf(project.cargoManifest), files);
      const written = workspaceFile && stringAt(mustRead(files, workspaceFile), workspaceFile, ['workspace', 'package', 'version']);
      if (!workspaceFile || written === undefined) {
        throw new PyrelError(`${project.cargoManifest} uses version.workspace = true, but no [workspace.package] version was found above it.`, [
          'Add `version = "x.y.z"` under [workspace.package] in the Cargo workspace root, or give the crate its own version.',
        ]);
      }
      found.push({ source: { kind: 'cargo-workspace', file: workspaceFile }, written, version: versionIn(workspaceFile, written, cargoToPep440) });
      lockDir = directoryOf(workspaceFile);
    } else {
      const workspaceFile = cargoWorkspaceManifest(directoryOf(project.cargoManifest), files);
      if (workspaceFile) lockDir = directoryOf(workspaceFile);
    }
    const lockFile = joinPath(lockDir, 'Cargo.lock');
    const lockText = crate ? files.read(lockFile) : null;
    if (crate && lockText !== null) {
      const sites = findStringSites(lockText, lockFile);
      const entry = sites.find((site) => site.path.length === 3 && site.path[0] === 'package' && site.path[2] === 'name' && site.value === crate);
      const written = entry && siteAt(sites, ['package', entry.path[1], 'version'])?.value;
      if (written !== undefined) found.push({ source: { kind: 'cargo-lock', file: lockFile, crate }, written, version: versionIn(lockFile, written, cargoToPep440) });
    }
  }
  return found;
}

/**
 * The one current version of a project; sources that disagree are an error listing each file and
 * value. Cargo.lock follows Cargo.toml (cargo rewrites it on the next build), so a stale lock
 * entry is not drift.
 */
export function currentVersion(project: VersionedProject, sources: readonly FoundVersion[]): string {
  const authoritative = sources.filter((s) => s.source.kind !== 'cargo-lock');
  const versions = new Set(authoritative.map((s) => s.version));
  if (versions.size > 1) {
    throw new PyrelError(`The version sources of ${project.name} disagree.`, [
      ...authoritative.map((s) => `  ${s.source.file}: ${s.written}`),
      'Make them equal (one release has one version), then bump with `nx run <project>:version`.',
    ]);
  }
  return authoritative[0].version;
}
