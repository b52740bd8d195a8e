import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { readCargoManifest, type CargoManifest } from '../../core/cargo-manifest';
import { readPyproject, type PyprojectManifest } from '../../core/pyproject';
import { dependencyOrder } from '../../core/task-order';
import { isTable, parseToml } from '../../core/toml';
import { buildWorkspaceModel } from '../../core/workspace-model';
import type { WorkflowProject } from './workflow-model';

export interface DetectedProjects {
  /** Python projects, dependencies first. */
  python: WorkflowProject[];
  /** Cargo crates built into maturin wheels, by project name. */
  crates: string[];
  /** The root pyproject.toml declares a uv workspace. */
  uvWorkspace: boolean;
}

/** The Python, maturin and crate projects the plugin will infer, read from the Tree with the graph's own model. */
export function detectProjects(tree: Tree): DetectedProjects {
  const pyprojects = new Map<string, PyprojectManifest>();
  const cargos = new Map<string, CargoManifest>();
  visitNotIgnoredFiles(tree, '', (file) => {
    const name = file.split('/').pop();
    if (name === 'pyproject.toml') pyprojects.set(file, readPyproject(tree.read(file, 'utf-8') ?? '', file));
    else if (name === 'Cargo.toml') cargos.set(file, readCargoManifest(tree.read(file, 'utf-8') ?? '', file));
  });
  const model = buildWorkspaceModel({ pyprojects, cargos });
  const byRoot = new Map(model.python.map((p) => [p.root, p]));
  const order = dependencyOrder([...byRoot.keys()].sort(), (root) => model.edges.filter((e) => e.source === root && byRoot.has(e.target)).map((e) => e.target));
  const rootPyproject = tree.read('pyproject.toml', 'utf-8');
  const uv = rootPyproject ? parseToml(rootPyproject, 'pyproject.toml').tool : undefined;
  return {
    python: order.map((root) => ({ name: byRoot.get(root)!.distribution, root, maturin: byRoot.get(root)!.cargoManifest !== undefined })),
    crates: model.crates.map((c) => c.projectName),
    uvWorkspace: isTable(uv) && isTable(uv.uv) && isTable(uv.uv.workspace),
  };
}
