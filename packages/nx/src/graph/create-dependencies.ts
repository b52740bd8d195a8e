import type { CreateDependencies, CreateDependenciesContext, RawProjectGraphDependency } from '@nx/devkit';
import { DependencyType } from 'nx/src/config/project-graph';
import { basename } from 'node:path';
import type { PyrelPluginOptions } from '../core/plugin-options';
import { latestModel, MANIFEST_FILE_NAMES } from './workspace-model-cache';

function manifestFiles(context: CreateDependenciesContext): string[] {
  const files: string[] = [];
  const consider = (file: string) => MANIFEST_FILE_NAMES.includes(basename(file)) && files.push(file);
  for (const projectFiles of Object.values(context.fileMap.projectFileMap)) projectFiles.forEach((f) => consider(f.file));
  context.fileMap.nonProjectFiles.forEach((f) => consider(f.file));
  return files;
}

/** Static edges between the workspace's projects, each carrying the manifest that declares it so `nx affected` is precise. */
export const createDependencies: CreateDependencies<PyrelPluginOptions> = (_options, context) => {
  const model = latestModel(context.workspaceRoot, () => manifestFiles(context));
  const nameByRoot = new Map(Object.entries(context.projects).map(([name, project]) => [project.root, name]));
  const dependencies: RawProjectGraphDependency[] = [];
  for (const edge of model.edges) {
    const source = nameByRoot.get(edge.source);
    const target = nameByRoot.get(edge.target);
    if (source && target) dependencies.push({ source, target, type: DependencyType.static, sourceFile: edge.sourceFile });
  }
  return dependencies;
};
