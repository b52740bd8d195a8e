/**
 * What createNodes records under `metadata.pyrel` of each project it infers, so the version
 * executor and nx release find a project's version sources without re-reading the workspace.
 */
export interface PyrelProjectFacts {
  /** PEP 503 normalised distribution name of a Python project. */
  distribution?: string;
  pyproject?: string;
  /** Cargo package name of a crate project. */
  crate?: string;
  /** A crate project's Cargo.toml, or a maturin project's extension crate manifest. */
  cargoManifest?: string;
}

/** A project whose version we manage: its Nx name, root, and the facts above. */
export interface VersionedProject extends PyrelProjectFacts {
  name: string;
  root: string;
}

/** A versioned project built from a pyproject.toml with a [project] table. */
export type PythonProject = VersionedProject & { pyproject: string; distribution: string };

/** The module nx release loads for our projects (`release.version.versionActions`). */
export const VERSION_ACTIONS_MODULE = '@pyrel/nx/release/version-actions';

/**
 * The tag on every project we version. Nx release's default project set is public npm libraries
 * (a package.json is required), so the setup generator names ours through `tag:pyrel`.
 */
export const RELEASE_PROJECT_TAG = 'pyrel';

interface ProjectLike {
  root: string;
  metadata?: Record<string, unknown>;
}

/** The versioned project behind an Nx project, or null when @pyrel/nx did not infer it. */
export function versionedProject(name: string, project: ProjectLike | undefined): VersionedProject | null {
  const facts = project?.metadata?.['pyrel'] as PyrelProjectFacts | undefined;
  return project && facts ? { name, root: project.root, ...facts } : null;
}
