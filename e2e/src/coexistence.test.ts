import { findOnPath } from '../../packages/nx/src/python/which';
import { createWorkspaceWithPackages, type WorkspaceWithPackages } from '../utils/extra-packages';
import { hatchlingPackage, rustCrate } from '../utils/fixtures';
import type { Workspace } from '../utils/workspace';

const MONODON_RUST = '@monodon/rust@3.0.0';
const NXLV_PYTHON = '@nxlv/python@23.1.1';
// @monodon/rust infers crates from `cargo metadata`; without cargo it infers nothing to collide with.
const describeWithCargo = findOnPath('cargo', process.env) ? describe : describe.skip;

/** The plugins users already run for Rust and Python claim the same roots as ours: projects must merge, not clash. */
describeWithCargo(`beside ${MONODON_RUST} and ${NXLV_PYTHON}`, () => {
  let workspace: WorkspaceWithPackages;
  let ws: Workspace;

  beforeAll(() => {
    workspace = createWorkspaceWithPackages('coexist', [MONODON_RUST, NXLV_PYTHON]);
    ws = workspace.ws;
    ws.write({
      'nx.json': JSON.stringify({ plugins: ['@monodon/rust', { plugin: '@nxlv/python', options: { packageManager: 'uv' } }, '@pyrel/nx'] }, null, 2),
      'Cargo.toml': '[workspace]\nmembers = ["rust/*", "bindings/*"]\nresolver = "2"\n',
      ...rustCrate('rust/core', 'core'),
      // A maturin package without PyO3, so `cargo metadata` needs no registry.
      'bindings/fastpy/pyproject.toml': '[build-system]\nrequires = ["maturin>=1.9,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "fastpy"\ndynamic = ["version"]\n',
      ...rustCrate('bindings/fastpy', 'fastpy', { core: '../../rust/core' }),
      ...hatchlingPackage({ dir: 'libs/app', name: 'app', version: '1.0.0', dependencies: ['fastpy'] }),
      'libs/app/project.json': JSON.stringify({ name: 'app', projectType: 'application' }),
    });
    ws.write({ 'libs/app/pyproject.toml': `${ws.read('libs/app/pyproject.toml')}\n[tool.uv.sources]\nfastpy = { path = "../../bindings/fastpy" }\n` });
    ws.commit('fixture');
  });

  afterAll(() => workspace?.remove());

  it('merges the projects every plugin claims at a root, with our targets and one set of edges', () => {
    const projects = JSON.parse(ws.nx(['show', 'projects', '--json']).stdout) as string[];
    expect(projects.sort()).toEqual(['app', 'core', 'fastpy']);
    ws.nx(['graph', '--file=graph.json']);
    const { graph } = ws.readJson<{ graph: { dependencies: Record<string, Array<{ target: string }>> } }>('graph.json');
    const targets = (project: string) => [...new Set(graph.dependencies[project].map((d) => d.target))].filter((t) => !t.startsWith('cargo:')).sort();
    expect(targets('app')).toEqual(['fastpy']);
    expect(targets('fastpy')).toEqual(['core']);
    const app = JSON.parse(ws.nx(['show', 'project', 'app', '--json']).stdout);
    expect(Object.keys(app.targets)).toEqual(expect.arrayContaining(['build-wheel', 'publish']));
  });
});
