import { isTable, parseToml, stringArray, type TomlTable } from './toml';

/** A dependency on another crate of the repository, as written in a Cargo.toml. */
export type CargoLocalDependency =
  /** `{ path = "../core" }`, relative to the manifest's directory. */
  | { name: string; kind: 'path'; path: string }
  /** `{ workspace = true }`: resolved through the workspace root's `[workspace.dependencies]`. */
  | { name: string; kind: 'workspace' };

/** What the graph needs from a Cargo.toml. */
export interface CargoManifest {
  /** `[package]`, absent in a virtual workspace manifest. */
  package?: {
    name: string;
    /** A literal version, or `workspace` for `version.workspace = true`. */
    version: string | { workspace: true } | undefined;
  };
  /** Path and workspace dependencies from every dependency table, including target-specific ones. */
  localDependencies: CargoLocalDependency[];
  /** `[workspace]`: member and exclude globs, and path dependencies declared for the members. */
  workspace?: { members: string[]; exclude: string[]; pathDependencies: Record<string, string> };
}

const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];

function localDependenciesIn(table: TomlTable): CargoLocalDependency[] {
  const found: CargoLocalDependency[] = [];
  for (const key of DEPENDENCY_TABLES) {
    const dependencies = table[key];
    if (!isTable(dependencies)) continue;
    for (const [alias, spec] of Object.entries(dependencies)) {
      if (!isTable(spec)) continue;
      // `package = "real-name"` renames a dependency; the alias is only the local name.
      const name = typeof spec.package === 'string' ? spec.package : alias;
      if (typeof spec.path === 'string') found.push({ name, kind: 'path', path: spec.path });
      // A workspace dependency is looked up by its key in [workspace.dependencies], so keep the alias.
      else if (spec.workspace === true) found.push({ name: alias, kind: 'workspace' });
    }
  }
  return found;
}

function versionOf(pkg: TomlTable): string | { workspace: true } | undefined {
  if (typeof pkg.version === 'string') return pkg.version;
  if (isTable(pkg.version) && pkg.version.workspace === true) return { workspace: true };
  return undefined;
}

/** Reads a Cargo.toml; malformed TOML is an error naming the file, line and column. */
export function readCargoManifest(text: string, file: string): CargoManifest {
  const document = parseToml(text, file);
  const pkg = isTable(document.package) ? document.package : undefined;
  const localDependencies = localDependenciesIn(document);
  if (isTable(document.target)) {
    for (const target of Object.values(document.target)) if (isTable(target)) localDependencies.push(...localDependenciesIn(target));
  }
  let workspace: CargoManifest['workspace'];
  if (isTable(document.workspace)) {
    const pathDependencies: Record<string, string> = {};
    const declared = document.workspace.dependencies;
    if (isTable(declared)) {
      for (const [alias, spec] of Object.entries(declared)) {
        if (isTable(spec) && typeof spec.path === 'string') pathDependencies[alias] = spec.path;
      }
    }
    workspace = { members: stringArray(document.workspace.members), exclude: stringArray(document.workspace.exclude), pathDependencies };
  }
  return {
    package: pkg && typeof pkg.name === 'string' ? { name: pkg.name, version: versionOf(pkg) } : undefined,
    localDependencies,
    workspace,
  };
}
