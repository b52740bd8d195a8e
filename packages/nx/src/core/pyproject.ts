import { PyrelError } from './errors';
import { requirementName, normalizeDistributionName } from './python-names';
import { isTable, parseToml, stringArray, type TomlTable } from './toml';

/** A `[tool.uv.sources]` entry that points inside the repository. */
export type UvSource = { kind: 'workspace' } | { kind: 'path'; path: string };

/** What the graph needs from a pyproject.toml. */
export interface PyprojectManifest {
  /** Present when the file declares a `[project]`; a virtual uv workspace root has none. */
  project?: {
    /** `[project].name` as written. */
    name: string;
    /** PEP 503 normalised name, the key other projects' requirements match on. */
    normalizedName: string;
    /** `[project].version`, absent when the version is dynamic. */
    version?: string;
    /** `"version"` is listed in `[project].dynamic` (maturin then reads it from Cargo.toml). */
    dynamicVersion: boolean;
    /** Normalised names of every requirement: dependencies, optional-dependencies, dependency-groups. */
    requirementNames: string[];
  };
  buildBackend?: string;
  /** `[tool.maturin] manifest-path`, relative to the pyproject's directory. */
  maturinManifestPath?: string;
  /** `[tool.uv.sources]` by normalised requirement name: only workspace and path sources. */
  uvSources: Record<string, UvSource>;
  /** pytest is configured here (`[tool.pytest.ini_options]` or `[tool.pytest]`): the project gets a test target. */
  pytest: boolean;
}

function requirementsOf(document: TomlTable, project: TomlTable): string[] {
  const requirements = [...stringArray(project.dependencies)];
  if (isTable(project['optional-dependencies'])) {
    for (const extra of Object.values(project['optional-dependencies'])) requirements.push(...stringArray(extra));
  }
  if (isTable(document['dependency-groups'])) {
    // Groups may also hold `{ include-group = "…" }` tables, which name no distribution.
    for (const group of Object.values(document['dependency-groups'])) requirements.push(...stringArray(group));
  }
  const names = requirements.map(requirementName).filter((n): n is string => n !== null);
  return [...new Set(names)];
}

function uvSourcesOf(uv: TomlTable): Record<string, UvSource> {
  const sources: Record<string, UvSource> = {};
  if (!isTable(uv.sources)) return sources;
  for (const [name, source] of Object.entries(uv.sources)) {
    // A list of sources is per-marker alternatives; any workspace/path alternative is an edge.
    for (const entry of Array.isArray(source) ? source : [source]) {
      if (!isTable(entry)) continue;
      if (entry.workspace === true) sources[normalizeDistributionName(name)] = { kind: 'workspace' };
      else if (typeof entry.path === 'string') sources[normalizeDistributionName(name)] = { kind: 'path', path: entry.path };
    }
  }
  return sources;
}

function projectOf(document: TomlTable, file: string): PyprojectManifest['project'] {
  const project = document.project;
  if (!isTable(project)) return undefined;
  if (typeof project.name !== 'string' || !project.name.trim()) {
    throw new PyrelError(`${file}: [project] has no name.`, ['Add `name = "your-package"` to the [project] table (PEP 621).']);
  }
  return {
    name: project.name,
    normalizedName: normalizeDistributionName(project.name),
    version: typeof project.version === 'string' ? project.version : undefined,
    dynamicVersion: stringArray(project.dynamic).includes('version'),
    requirementNames: requirementsOf(document, project),
  };
}

/** Reads a pyproject.toml; malformed TOML or a `[project]` without a name is an error naming the file. */
export function readPyproject(text: string, file: string): PyprojectManifest {
  const document = parseToml(text, file);
  const buildSystem = isTable(document['build-system']) ? document['build-system'] : {};
  const tool = isTable(document.tool) ? document.tool : {};
  const maturin = isTable(tool.maturin) ? tool.maturin : {};
  const uv = isTable(tool.uv) ? tool.uv : {};
  return {
    project: projectOf(document, file),
    buildBackend: typeof buildSystem['build-backend'] === 'string' ? buildSystem['build-backend'] : undefined,
    maturinManifestPath: typeof maturin['manifest-path'] === 'string' ? maturin['manifest-path'] : undefined,
    uvSources: uvSourcesOf(uv),
    pytest: isTable(tool.pytest),
  };
}
