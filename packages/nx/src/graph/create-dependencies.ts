import { DependencyType, type CreateDependencies, type RawProjectGraphDependency } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPythonManifest, type PythonProjectManifest } from '../core/pyproject';
import type { PyrelPluginOptions } from '../core/plugin-options';

interface PythonProject {
  projectName: string;
  pyproject: string;
  manifest: PythonProjectManifest;
}

/** Static edges from each Python project's requirements to the workspace projects they name (PEP 503 match). */
export const createDependencies: CreateDependencies<PyrelPluginOptions> = (_options, context) => {
  const pythonProjects: PythonProject[] = [];
  for (const [projectName, project] of Object.entries(context.projects)) {
    const pyproject = join(project.root, 'pyproject.toml');
    const path = join(context.workspaceRoot, pyproject);
    if (!existsSync(path)) continue;
    const manifest = readPythonManifest(readFileSync(path, 'utf8'), pyproject);
    if (manifest) pythonProjects.push({ projectName, pyproject, manifest });
  }
  const byDistribution = new Map(pythonProjects.map((p) => [p.manifest.normalizedName, p.projectName]));
  const dependencies: RawProjectGraphDependency[] = [];
  for (const { projectName, pyproject, manifest } of pythonProjects) {
    for (const requirement of manifest.requirementNames) {
      const target = byDistribution.get(requirement);
      if (target && target !== projectName) {
        dependencies.push({ source: projectName, target, type: DependencyType.static, sourceFile: pyproject });
      }
    }
  }
  return dependencies;
};
