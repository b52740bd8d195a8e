import { hatchlingPackage, maturinPackage, rustCrate } from '../utils/fixtures';
import { createTestWorkspace } from '../utils/template';
import type { Workspace } from '../utils/workspace';

interface GraphJson {
  graph: { nodes: Record<string, { data: { root: string } }>; dependencies: Record<string, Array<{ target: string; type: string }>> };
}

/**
 * A polyglot workspace with no project.json for Python or Rust: a uv workspace of four packages,
 * a maturin package over a pure Rust crate, a Python package using the maturin one, an unused
 * crate, and a JS package.
 */
describe('project graph', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = createTestWorkspace('graph');
    ws.updateJson<Record<string, unknown>>('package.json', (pkg) => ({ ...pkg, workspaces: ['apps/web'] }));
    ws.write({
      'nx.json': JSON.stringify({ plugins: ['@pyrel/nx'] }, null, 2),
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
      ...hatchlingPackage({ dir: 'packages/alpha', name: 'alpha', version: '1.0.0' }),
      ...hatchlingPackage({ dir: 'packages/beta', name: 'Beta_Lib', version: '1.0.0', dependencies: ['alpha[fast]>=1.0; python_version >= "3.9"'] }),
      ...hatchlingPackage({ dir: 'packages/gamma', name: 'gamma', version: '1.0.0', dependencies: ['beta-lib', 'fastpy>=0.4'] }),
      ...hatchlingPackage({ dir: 'packages/delta', name: 'delta', version: '1.0.0' }),
      'packages/delta/project.json': JSON.stringify({ name: 'delta-renamed' }),
      ...maturinPackage('bindings/fastpy', 'fastpy', { 'fast-core': '../../rust/fast-core' }),
      ...rustCrate('rust/fast-core', 'fast-core'),
      ...rustCrate('rust/unused', 'unused'),
      'apps/web/package.json': JSON.stringify({ name: 'web', version: '1.0.0' }),
    });
    // uv sources and dependency groups are edges too.
    ws.write({
      'packages/beta/pyproject.toml': `${ws.read('packages/beta/pyproject.toml')}\n[tool.uv.sources]\nalpha = { workspace = true }\n`,
      'packages/delta/pyproject.toml': `${ws.read('packages/delta/pyproject.toml')}\n[dependency-groups]\ndev = ["alpha"]\n`,
    });
    ws.commit('polyglot fixture');
  });

  afterAll(() => ws?.remove());

  it('infers Python, maturin and crate projects with no project.json, beside package.json and project.json projects', () => {
    const projects = JSON.parse(ws.nx(['show', 'projects', '--json']).stdout) as string[];
    expect(projects.sort()).toEqual(['alpha', 'beta-lib', 'delta-renamed', 'fast-core', 'fastpy', 'gamma', 'web']);
    const fastpy = JSON.parse(ws.nx(['show', 'project', 'fastpy', '--json']).stdout);
    expect(fastpy.metadata.technologies).toEqual(['python', 'rust']);
    expect(fastpy.targets['build-wheel'].inputs).toContain('{workspaceRoot}/rust/fast-core/**/*');
  });

  it('draws edges from requirements, uv sources, dependency groups and Cargo path dependencies', () => {
    ws.nx(['graph', '--file=graph.json']);
    const { graph } = ws.readJson<GraphJson>('graph.json');
    const edges = (project: string) => graph.dependencies[project].map((d) => `${d.target}:${d.type}`).sort();
    expect(edges('beta-lib')).toEqual(['alpha:static']);
    expect(edges('gamma')).toEqual(['beta-lib:static', 'fastpy:static']);
    expect(edges('delta-renamed')).toEqual(['alpha:static']);
    expect(edges('fastpy')).toEqual(['fast-core:static']);
    expect(edges('alpha')).toEqual([]);
  });

  it('touching the Rust crate affects the crate, the maturin project and its Python dependents only', () => {
    ws.write({ 'rust/fast-core/src/lib.rs': `${ws.read('rust/fast-core/src/lib.rs')}// touched\n` });
    const affected = JSON.parse(ws.nx(['show', 'projects', '--affected', '--base=HEAD', '--json']).stdout) as string[];
    expect(affected.sort()).toEqual(['fast-core', 'fastpy', 'gamma']);
    ws.run('git', ['checkout', '--', 'rust/fast-core/src/lib.rs']);
  });

  it('a malformed pyproject.toml fails the graph with file, line and column', () => {
    const good = ws.read('packages/alpha/pyproject.toml');
    ws.write({ 'packages/alpha/pyproject.toml': `${good}\n[project.urls\nHome = "x"\n` });
    try {
      const result = ws.nx(['show', 'projects'], { check: false });
      expect(result.exitCode).not.toBe(0);
      expect(result.output).toMatch(/packages\/alpha\/pyproject\.toml:\d+:\d+: Invalid TOML document/);
    } finally {
      ws.write({ 'packages/alpha/pyproject.toml': good });
    }
    expect(ws.nx(['show', 'projects']).exitCode).toBe(0);
  });
});
