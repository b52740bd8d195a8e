import type { CreateNodes, CreateNodesResult, CreateNodesResultArray } from '@nx/devkit';
// Deep imports, not the @nx/devkit barrel: loading the barrel costs ~300 ms in every plugin worker start.
import { AggregateCreateNodesError } from 'nx/src/project-graph/error-types';
import { normalizePluginOptions, type PyrelPluginOptions } from '../core/plugin-options';
import type { WorkspaceModel } from '../core/workspace-model';
import { RELEASE_PROJECT_TAG, VERSION_ACTIONS_MODULE, type PyrelProjectFacts } from '../version/project-facts';
import { pythonTargets, targetGroups } from './targets';
import { MANIFEST_GLOB, modelFromFiles } from './workspace-model-cache';

/**
 * Our projects version through our nx release version actions; set per project so JS projects
 * of the same workspace keep theirs.
 */
const RELEASE = { version: { versionActions: VERSION_ACTIONS_MODULE } };

/**
 * Projects keyed by the manifest that defines them. A Python project is named after its
 * distribution; Nx merges `project.json` and `package.json` after plugins, so a name declared
 * there still wins for the same root.
 */
function projectsByManifest(model: WorkspaceModel, rawOptions: PyrelPluginOptions | undefined): Map<string, CreateNodesResult> {
  const options = normalizePluginOptions(rawOptions);
  const results = new Map<string, CreateNodesResult>();
  const pythonRoots = new Set(model.python.map((p) => p.root));
  const dependentRoots = new Map<string, Set<string>>();
  for (const edge of model.edges) {
    if (pythonRoots.has(edge.source) && pythonRoots.has(edge.target)) dependentRoots.set(edge.target, (dependentRoots.get(edge.target) ?? new Set()).add(edge.source));
  }
  for (const project of model.python) {
    const technologies = project.cargoManifest ? ['python', 'rust'] : ['python'];
    const pyrel: PyrelProjectFacts = { distribution: project.distribution, pyproject: project.pyproject, ...(project.cargoManifest ? { cargoManifest: project.cargoManifest } : {}) };
    results.set(project.pyproject, {
      projects: {
        [project.root]: {
          name: project.distribution,
          projectType: 'library',
          tags: [RELEASE_PROJECT_TAG],
          targets: pythonTargets(options, { technologies, externalBuildInputs: project.externalBuildInputs, dependentRoots: [...(dependentRoots.get(project.root) ?? [])].sort(), pytest: project.pytest === true }),
          release: RELEASE,
          metadata: { technologies, targetGroups: targetGroups(options), pyrel },
        },
      },
    });
  }
  for (const crate of model.crates) {
    results.set(crate.cargoManifest, {
      projects: {
        [crate.root]: {
          name: crate.projectName,
          projectType: 'library',
          tags: [RELEASE_PROJECT_TAG],
          release: RELEASE,
          metadata: {
            technologies: ['rust'],
            description: `Rust crate ${crate.packageName}, built into a maturin project's wheel.`,
            pyrel: { crate: crate.packageName, cargoManifest: crate.cargoManifest } satisfies PyrelProjectFacts,
          },
        },
      },
    });
  }
  return results;
}

/**
 * Infers Python, maturin and Cargo crate projects from every pyproject.toml and Cargo.toml at
 * once (whether a crate is a project depends on who uses it). One malformed file is reported
 * with file, line and column while the other files' projects are still returned.
 */
export const createNodes: CreateNodes<PyrelPluginOptions> = [
  MANIFEST_GLOB,
  (files, options, context) => {
    const { model, errors } = modelFromFiles(context.workspaceRoot, files);
    const byFile = projectsByManifest(model, options);
    const failed = new Set(errors.map(([file]) => file));
    const results: CreateNodesResultArray = files.filter((file) => !failed.has(file)).map((file) => [file, byFile.get(file) ?? {}] as const);
    if (errors.length > 0) throw new AggregateCreateNodesError(errors, results);
    return results;
  },
];
