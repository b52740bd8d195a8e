import { rustCrate } from '../utils/fixtures';
import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';

const FAST = 'pyrel-seed-fast';
const MODULE = 'pyrel_seed_fast';
const DIR = 'py/fast';

/**
 * Seed 003: a Rust core crate with PyO3/maturin bindings. The bump keeps pyproject.toml,
 * Cargo.toml and Cargo.lock in step, the wheel builds and imports, the workflow builds five
 * platforms plus the sdist, and a manual run with `publish: no` stops at TestPyPI.
 */
describe('seed 003: Rust core + maturin bindings, versions in step, publish: no -> TestPyPI', () => {
  let r: ReleaseRehearsal;

  beforeAll(async () => {
    r = await createReleaseRehearsal('seed-003');
    r.ws.write(rustCrate('crates/core', 'pyrel-seed-core'));
    r.ws.nx(['g', '@pyrel/nx:pyproject', DIR, `--name=${FAST}`, '--backend=maturin']);
    const cargo = r.ws.read(`${DIR}/Cargo.toml`);
    r.ws.write({
      [`${DIR}/Cargo.toml`]: cargo.replace('[dependencies]\n', '[dependencies]\npyrel-seed-core = { path = "../../crates/core" }\n'),
      [`${DIR}/src/lib.rs`]: r.ws.read(`${DIR}/src/lib.rs`).replace('    a + b\n', '    a + b + i64::from(pyrel_seed_core::answer()) - 42\n'),
    });
    r.ws.nx(['g', '@pyrel/nx:setup']);
    r.useLocalIndexes();
    r.ws.commit('core crate and bindings');
  });

  afterAll(() => r?.stop());

  it('the bindings depend on the core crate in the graph, and the wheel builds and imports', () => {
    r.ws.nx(['graph', '--file=tmp/graph.json']);
    const graph = JSON.parse(r.ws.read('tmp/graph.json')).graph as { nodes: Record<string, { data: { metadata?: { technologies?: string[] } } }>; dependencies: Record<string, Array<{ target: string }>> };
    expect(graph.nodes[FAST].data.metadata?.technologies).toEqual(['python', 'rust']);
    expect(graph.dependencies[FAST].map((d) => d.target)).toContain('pyrel-seed-core');
    const built = r.ws.nx(['run', `${FAST}:build-wheel`, '--smoke']);
    expect(built.output).toMatch(new RegExp(`${MODULE}-0\\.1\\.0-cp39-abi3-\\S+\\.whl`));
    expect(built.output).toContain(`import ${MODULE}`);
  });

  it('a bump keeps pyproject.toml, Cargo.toml, Cargo.lock and __version__ in step', () => {
    expect(r.ws.read(`${DIR}/Cargo.lock`)).toContain(`name = "${FAST}"\nversion = "0.1.0"`);
    r.ws.nx(['run', `${FAST}:version`, '--bump=preminor', '--preid=b']);

    expect(r.ws.read(`${DIR}/pyproject.toml`)).toContain('version = "0.2.0b1"');
    expect(r.ws.read(`${DIR}/${MODULE}/__init__.py`)).toContain('__version__ = "0.2.0b1"');
    expect(r.ws.read(`${DIR}/Cargo.toml`)).toContain('version = "0.2.0-beta.1"');
    expect(r.ws.read(`${DIR}/Cargo.lock`)).toContain(`name = "${FAST}"\nversion = "0.2.0-beta.1"`);
    const built = r.ws.nx(['run', `${FAST}:build-wheel`, '--smoke']);
    expect(built.output).toMatch(new RegExp(`${MODULE}-0\\.2\\.0b1-cp39-abi3-\\S+\\.whl`));
  });

  it('the workflow builds five platforms and the sdist for it, and publish: no stops at TestPyPI', () => {
    const jobs = r.workflow() as Record<string, { if?: string; strategy?: { matrix: { include: Array<Record<string, string>> } } }>;
    expect(jobs.wheels.strategy?.matrix.include.map((e) => `${e.project}/${e.platform}`)).toEqual(
      ['linux-x86_64', 'linux-aarch64', 'macos-x86_64', 'macos-arm64', 'windows-x64', 'sdist'].map((platform) => `${FAST}/${platform}`),
    );
    expect(jobs['publish-pypi'].if).toContain("inputs.publish == 'yes'");
    r.ws.commit('0.2.0b1');

    // `publish: no`: publish-testpypi runs, publish-pypi is skipped. The wheels job's artifacts are this machine's build.
    for (const job of ['gate', 'build', 'publish-testpypi']) expect({ job, exitCode: r.runJob(job).exitCode }).toEqual({ job, exitCode: 0 });
    expect(Object.keys(r.files('testpypi')).sort()).toEqual([expect.stringMatching(new RegExp(`^${MODULE}-0\\.2\\.0b1-cp39-abi3-.+\\.whl$`)), `${MODULE}-0.2.0b1.tar.gz`]);
    expect(r.files('pypi')).toEqual({});
    expect(r.pipInstall('testpypi', [`${FAST}==0.2.0b1`], FAST)).toBe('0.2.0b1');
  });
});
