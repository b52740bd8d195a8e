import { PyrelError } from './errors';
import { requirementName, normalizeDistributionName } from './python-names';
import { isTable, parseToml, stringArray, type TomlTable } from './toml';

/** What the graph needs from a pyproject.toml that declares a `[project]`. */
export interface PythonProjectManifest {
  /** `[project].name` as written. */
  name: string;
  /** PEP 503 normalised name, the key other projects' requirements match on. */
  normalizedName: string;
  /** `[project].version`, absent when the version is dynamic. */
  version?: string;
  buildBackend?: string;
  /** Normalised names of every requirement: dependencies, optional-dependencies, dependency-groups. */
  requirementNames: string[];
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

/**
 * Reads a pyproject.toml. Null for a file without `[project]` (a virtual uv workspace root, or a
 * tool-only config); an error for malformed TOML or a `[project]` without a usable name.
 */
export function readPythonManifest(text: string, file: string): PythonProjectManifest | null {
  const document = parseToml(text, file);
  const project = document.project;
  if (!isTable(project)) return null;
  if (typeof project.name !== 'string' || !project.name.trim()) {
    throw new PyrelError(`${file}: [project] has no name.`, ['Add `name = "your-package"` to the [project] table (PEP 621).']);
  }
  const buildSystem = isTable(document['build-system']) ? document['build-system'] : {};
  return {
    name: project.name,
    normalizedName: normalizeDistributionName(project.name),
    version: typeof project.version === 'string' ? project.version : undefined,
    buildBackend: typeof buildSystem['build-backend'] === 'string' ? buildSystem['build-backend'] : undefined,
    requirementNames: requirementsOf(document, project),
  };
}
