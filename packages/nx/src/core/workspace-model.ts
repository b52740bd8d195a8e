import type { CargoManifest } from './cargo-manifest';
import { matchesMembers } from './globs';
import type { PyprojectManifest } from './pyproject';
import { directoryOf, isWithin, relativeTo, resolveInWorkspace } from './workspace-paths';

/** Every manifest of the workspace, keyed by workspace-relative file path. */
export interface ManifestSet {
  pyprojects: ReadonlyMap<string, PyprojectManifest>;
  cargos: ReadonlyMap<string, CargoManifest>;
}

export interface PythonProjectModel {
  root: string;
  pyproject: string;
  /** PEP 503 normalised distribution name. */
  distribution: string;
  /** For a maturin project: the Cargo.toml of its extension crate. */
  cargoManifest?: string;
  /** Workspace-relative files and globs outside the root that its wheel is built from (crate sources, Cargo workspace manifest and lock). */
  externalBuildInputs: string[];
  /** pytest is configured in its pyproject.toml; absent otherwise. */
  pytest?: true;
}

export interface CrateProjectModel {
  root: string;
  cargoManifest: string;
  packageName: string;
  /** The Cargo package name, suffixed with `-crate` when a Python project (or another crate) already has that name. */
  projectName: string;
}

/** A static dependency between two project roots, declared in `sourceFile` (a file of the source project). */
export interface ModelEdge {
  source: string;
  target: string;
  sourceFile: string;
}

export interface WorkspaceModel {
  python: PythonProjectModel[];
  crates: CrateProjectModel[];
  edges: ModelEdge[];
}

const fileIn = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);

/** Crates by directory, Cargo workspaces and their members, and path resolution between them. */
class CargoIndex {
  readonly crateFileByDir = new Map<string, string>();
  private readonly workspaceDirOf = new Map<string, string>();

  constructor(private readonly cargos: ManifestSet['cargos']) {
    for (const [file, manifest] of cargos) if (manifest.package) this.crateFileByDir.set(directoryOf(file), file);
    for (const [file, manifest] of cargos) {
      if (!manifest.workspace) continue;
      const workspaceDir = directoryOf(file);
      const { members, exclude } = manifest.workspace;
      const queue: string[] = [];
      for (const crateDir of this.crateFileByDir.keys()) {
        const member = crateDir === workspaceDir || (isWithin(crateDir, workspaceDir) && matchesMembers(relativeTo(crateDir, workspaceDir), members, exclude));
        if (member) queue.push(crateDir);
      }
      // Cargo also makes every path dependency that lives under the workspace directory a member.
      while (queue.length > 0) {
        const crateDir = queue.pop() as string;
        if (this.workspaceDirOf.has(crateDir)) continue;
        this.workspaceDirOf.set(crateDir, workspaceDir);
        for (const dependency of this.pathDependenciesOf(crateDir)) {
          if (isWithin(dependency, workspaceDir) && !this.workspaceDirOf.has(dependency)) queue.push(dependency);
        }
      }
    }
  }

  private pathDependenciesOf(crateDir: string): string[] {
    const manifest = this.cargos.get(this.crateFileByDir.get(crateDir) ?? '');
    return (manifest?.localDependencies ?? [])
      .map((dependency) => (dependency.kind === 'path' ? resolveInWorkspace(crateDir, dependency.path) : null))
      .filter((dir): dir is string => dir !== null && this.crateFileByDir.has(dir));
  }

  workspaceOf(crateDir: string): string | undefined {
    return this.workspaceDirOf.get(crateDir);
  }

  membersOf(workspaceDir: string): string[] {
    return [...this.workspaceDirOf].filter(([, dir]) => dir === workspaceDir).map(([crateDir]) => crateDir);
  }

  /** Directories of the workspace's crates that `crateDir` depends on by `path` or through `workspace = true`. */
  dependenciesOf(crateDir: string): string[] {
    const manifest = this.cargos.get(this.crateFileByDir.get(crateDir) ?? '');
    if (!manifest) return [];
    const found = new Set<string>();
    for (const dependency of manifest.localDependencies) {
      let target: string | null = null;
      if (dependency.kind === 'path') {
        target = resolveInWorkspace(crateDir, dependency.path);
      } else {
        const workspaceDir = this.workspaceOf(crateDir);
        const declared = workspaceDir === undefined ? undefined : this.cargos.get(fileIn(workspaceDir, 'Cargo.toml'))?.workspace?.pathDependencies[dependency.name];
        target = workspaceDir !== undefined && declared !== undefined ? resolveInWorkspace(workspaceDir, declared) : null;
      }
      if (target !== null && target !== crateDir && this.crateFileByDir.has(target)) found.add(target);
    }
    return [...found];
  }

  /** Every crate reachable from `start` (itself included). */
  closureOf(start: readonly string[], expandWorkspaces: boolean): Set<string> {
    const reached = new Set(start);
    const queue = [...start];
    const expanded = new Set<string>();
    const visit = (dir: string) => {
      if (!reached.has(dir)) {
        reached.add(dir);
        queue.push(dir);
      }
    };
    while (queue.length > 0) {
      const dir = queue.pop() as string;
      this.dependenciesOf(dir).forEach(visit);
      const workspaceDir = this.workspaceOf(dir);
      if (expandWorkspaces && workspaceDir !== undefined && !expanded.has(workspaceDir)) {
        expanded.add(workspaceDir);
        this.membersOf(workspaceDir).forEach(visit);
      }
    }
    return reached;
  }
}

function maturinCrateDir(root: string, manifest: PyprojectManifest, cargo: CargoIndex): string | undefined {
  if (manifest.buildBackend !== 'maturin') return undefined;
  const manifestFile = manifest.maturinManifestPath ? resolveInWorkspace(root, manifest.maturinManifestPath) : fileIn(root, 'Cargo.toml');
  const crateDir = manifestFile === null ? null : directoryOf(manifestFile);
  return crateDir !== null && cargo.crateFileByDir.get(crateDir) === manifestFile ? crateDir : undefined;
}

function uniqueName(wanted: string, root: string, taken: Set<string>): string {
  const pathSuffix = root.replace(/[^A-Za-z0-9]+/g, '-');
  let name = [wanted, `${wanted}-crate`, `${wanted}-crate-${pathSuffix}`].find((candidate) => !taken.has(candidate));
  for (let n = 2; name === undefined; n += 1) {
    if (!taken.has(`${wanted}-crate-${pathSuffix}-${n}`)) name = `${wanted}-crate-${pathSuffix}-${n}`;
  }
  taken.add(name);
  return name;
}

/**
 * The projects and static dependencies of a Python/Rust workspace, from its manifests alone:
 * - every pyproject.toml with `[project]` is a Python project; with the maturin backend and a
 *   Cargo.toml beside it (or at `[tool.maturin] manifest-path`) it is a maturin project owning that crate;
 * - a crate a maturin project depends on by path or `workspace = true` (transitively), and every
 *   member of a Cargo workspace containing one of those, is a crate project;
 * - edges come from Python requirements matched by normalised name, `[tool.uv.sources]` paths,
 *   and Cargo path / workspace dependencies between the crates that projects own.
 */
export function buildWorkspaceModel({ pyprojects, cargos }: ManifestSet): WorkspaceModel {
  const cargo = new CargoIndex(cargos);
  const pythonRoots = new Map<string, { pyproject: string; manifest: PyprojectManifest }>();
  // Sorted so that the first of two projects claiming one distribution name wins deterministically.
  for (const [pyproject, manifest] of [...pyprojects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (manifest.project) pythonRoots.set(directoryOf(pyproject), { pyproject, manifest });
  }

  // Which project owns each crate directory: a maturin project its extension crate, a crate project itself.
  const extensionCrateOf = new Map<string, string>();
  for (const [root, { manifest }] of pythonRoots) {
    const crateDir = maturinCrateDir(root, manifest, cargo);
    if (crateDir !== undefined) extensionCrateOf.set(root, crateDir);
  }
  const ownerOfCrate = new Map([...extensionCrateOf].map(([root, crateDir]) => [crateDir, root]));
  const taken = new Set([...pythonRoots.values()].map(({ manifest }) => manifest.project?.normalizedName as string));
  const crates: CrateProjectModel[] = [];
  for (const crateDir of [...cargo.closureOf([...ownerOfCrate.keys()], true)].sort()) {
    if (ownerOfCrate.has(crateDir) || pythonRoots.has(crateDir)) continue;
    const cargoManifest = cargo.crateFileByDir.get(crateDir) as string;
    const packageName = cargos.get(cargoManifest)?.package?.name as string;
    crates.push({ root: crateDir, cargoManifest, packageName, projectName: uniqueName(packageName, crateDir, taken) });
    ownerOfCrate.set(crateDir, crateDir);
  }

  const edges = new Map<string, ModelEdge>();
  const addEdge = (source: string, target: string, sourceFile: string) => {
    if (source !== target) edges.set(`${source}\0${target}\0${sourceFile}`, { source, target, sourceFile });
  };
  const rootByDistribution = new Map<string, string>();
  for (const [root, { manifest }] of pythonRoots) {
    const name = manifest.project?.normalizedName as string;
    if (!rootByDistribution.has(name)) rootByDistribution.set(name, root);
  }
  for (const [root, { pyproject, manifest }] of pythonRoots) {
    for (const requirement of manifest.project?.requirementNames ?? []) {
      const target = rootByDistribution.get(requirement);
      if (target !== undefined) addEdge(root, target, pyproject);
    }
    for (const source of Object.values(manifest.uvSources)) {
      const target = source.kind === 'path' ? resolveInWorkspace(root, source.path) : null;
      if (target !== null && pythonRoots.has(target)) addEdge(root, target, pyproject);
    }
  }
  for (const [crateDir, owner] of ownerOfCrate) {
    const crateManifest = cargo.crateFileByDir.get(crateDir) as string;
    // A static edge must name a file of its source project; a crate outside the maturin root is not one.
    const sourceFile = isWithin(crateManifest, owner) ? crateManifest : (pythonRoots.get(owner)?.pyproject as string);
    for (const dependency of cargo.dependenciesOf(crateDir)) {
      const target = ownerOfCrate.get(dependency);
      if (target !== undefined) addEdge(owner, target, sourceFile);
    }
  }

  const python = [...pythonRoots].map(([root, { pyproject, manifest }]): PythonProjectModel => {
    const crateDir = extensionCrateOf.get(root);
    return {
      root,
      pyproject,
      distribution: manifest.project?.normalizedName as string,
      cargoManifest: crateDir === undefined ? undefined : cargo.crateFileByDir.get(crateDir),
      externalBuildInputs: crateDir === undefined ? [] : externalBuildInputs(root, crateDir, cargo),
      ...(manifest.pytest ? { pytest: true as const } : {}),
    };
  });
  return { python, crates, edges: [...edges.values()] };
}

/** Crate sources and Cargo workspace files outside a maturin project's root that change its wheel. */
function externalBuildInputs(root: string, crateDir: string, cargo: CargoIndex): string[] {
  const inputs = new Set<string>();
  for (const dir of cargo.closureOf([crateDir], false)) {
    if (!isWithin(dir, root)) inputs.add(fileIn(dir, '**/*'));
    const workspaceDir = cargo.workspaceOf(dir);
    if (workspaceDir !== undefined && !isWithin(workspaceDir, root)) inputs.add(fileIn(workspaceDir, 'Cargo.toml'));
  }
  const ownWorkspace = cargo.workspaceOf(crateDir);
  if (ownWorkspace !== undefined && !isWithin(ownWorkspace, root)) inputs.add(fileIn(ownWorkspace, 'Cargo.lock'));
  return [...inputs].sort();
}
