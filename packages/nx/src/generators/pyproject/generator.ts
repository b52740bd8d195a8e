import { logger, normalizePath, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { PyrelError } from '../../core/errors';
import { isValidDistributionName, normalizeDistributionName } from '../../core/python-names';
import { registerPlugin } from '../setup/generator';
import { packageDirectory, projectFiles, type PyprojectScaffold } from './project-files';
import type { PyprojectBackend, PyprojectGeneratorSchema } from './schema';

const BACKENDS: readonly PyprojectBackend[] = ['hatchling', 'setuptools', 'maturin'];

function normalizeOptions(options: PyprojectGeneratorSchema): PyprojectScaffold {
  const directory = normalizePath(options.directory).replace(/^\.\//, '').replace(/\/+$/, '');
  if (!directory || directory === '.' || directory.startsWith('../') || directory.startsWith('/')) {
    throw new PyrelError(`"${options.directory}" is not a directory inside the workspace.`, ['Pass a workspace-relative path such as libs/mylib.']);
  }
  const backend = options.backend ?? 'hatchling';
  if (!BACKENDS.includes(backend)) {
    throw new PyrelError(`Unknown backend "${backend}".`, [`Use one of: ${BACKENDS.join(', ')}.`]);
  }
  const name = options.name ?? directory.split('/').pop()!;
  if (!isValidDistributionName(name)) {
    throw new PyrelError(`"${name}" is not a valid distribution name.`, [
      'A name has ASCII letters, digits, "-", "_" and "." only, and starts and ends with a letter or digit (PEP 508).',
      'Pass --name, e.g. --name my-lib.',
    ]);
  }
  const module = normalizeDistributionName(name).replace(/[-.]/g, '_');
  if (!/^[a-z_]\w*$/.test(module)) {
    throw new PyrelError(`"${name}" gives the import name "${module}", which Python cannot import.`, ['Pass a --name that starts with a letter, e.g. --name py-' + name + '.']);
  }
  return {
    directory,
    name,
    module,
    backend,
    description: options.description ?? `The ${name} package.`,
    requiresPython: options.requiresPython ?? '>=3.9',
    coverageThreshold: options.coverageThreshold ?? 90,
  };
}

/** A directory whose project is defined by setup.py alone: a second, pyproject-only definition would silently replace it. */
function rejectSetupPyProject(tree: Tree, { directory }: PyprojectScaffold): void {
  if (!tree.exists(`${directory}/setup.py`) || tree.exists(`${directory}/pyproject.toml`)) return;
  throw new PyrelError(`${directory} is already a setup.py project; not writing a second definition next to it.`, [
    'Move its metadata to a [project] table in pyproject.toml first (name, version, dependencies, entry points from setup()),',
    'keep `build-backend = "setuptools.build_meta"`, and delete setup.py once `nx run <project>:build-wheel` builds the same files.',
    '`uvx hatch new --init` or `uvx ini2toml setup.cfg` do most of that; rerun with --force to write a fresh pyproject.toml instead.',
  ]);
}

/** The import package already exists in another layout (flat vs src): adding ours would make two. */
function hasImportPackage(tree: Tree, { directory, module }: PyprojectScaffold): boolean {
  return [`${directory}/src/${module}`, `${directory}/${module}`].some((dir) => tree.exists(`${dir}/__init__.py`));
}

/**
 * Scaffolds a PEP 621 project that the plugin picks up at once. In an existing directory only
 * missing files are added; nothing is overwritten without --force.
 */
export async function pyprojectGenerator(tree: Tree, options: PyprojectGeneratorSchema): Promise<void> {
  const scaffold = normalizeOptions(options);
  if (!options.force) rejectSetupPyProject(tree, scaffold);
  const keepPackage = !options.force && hasImportPackage(tree, scaffold);
  const kept: string[] = [];
  for (const [path, content] of Object.entries(projectFiles(scaffold))) {
    const isInit = path === `${scaffold.directory}/${packageDirectory(scaffold)}/__init__.py`;
    if ((tree.exists(path) || (isInit && keepPackage)) && !options.force) {
      kept.push(path);
      continue;
    }
    tree.write(path, content);
  }
  const nxJson = readNxJson(tree) ?? {};
  if (registerPlugin(nxJson)) {
    updateNxJson(tree, nxJson);
    logger.info('@pyrel/nx: registered the plugin in nx.json so the new project gets its targets; `nx g @pyrel/nx:setup` adds the release workflow.');
  }
  if (kept.length > 0) {
    logger.info(`@pyrel/nx: kept existing ${kept.length === 1 ? 'file' : 'files'} (pass --force to overwrite): ${kept.join(', ')}`);
  }
}

export default pyprojectGenerator;
