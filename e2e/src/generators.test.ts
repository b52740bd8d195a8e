import { dirname, join } from 'node:path';
import { actionlint, validatePyproject, zizmor } from '../utils/linters';
import { createTestWorkspace } from '../utils/template';
import { sharedUv } from '../utils/tools';
import type { Workspace } from '../utils/workspace';

const WORKFLOW = '.github/workflows/python-release.yml';

/** The generated workflow passes both linters with zero findings (zizmor offline: no GitHub from here). */
async function expectLintClean(ws: Workspace): Promise<void> {
  const lint = ws.run(actionlint(), [WORKFLOW], { check: false });
  expect(lint.output.trim()).toBe('');
  expect(lint.exitCode).toBe(0);
  for (const persona of ['regular', 'pedantic']) {
    const audit = ws.run(await zizmor(), ['--offline', `--persona=${persona}`, WORKFLOW], { check: false });
    expect(audit.output).toContain('No findings to report');
    expect(audit.exitCode).toBe(0);
  }
}

describe('generators: pyproject and setup through the real CLI', () => {
  let ws: Workspace;
  /** uv on PATH, as setup-uv gives the workflow: the inferred test target runs `uv run pytest`. */
  let withUv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ws = createTestWorkspace('generators');
    withUv = { PATH: `${dirname(await sharedUv())}:${process.env.PATH}` };
    ws.commit('empty workspace');
  });

  afterAll(() => ws?.remove());

  it('scaffolds hatchling, setuptools and maturin projects that pass validate-pyproject', async () => {
    ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-gen-core']);
    ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-gen-tools', '--backend=setuptools']);
    ws.nx(['g', '@pyrel/nx:pyproject', 'py/pyrel-gen-fast', '--backend=maturin']);

    const validate = await validatePyproject();
    for (const dir of ['libs/pyrel-gen-core', 'libs/pyrel-gen-tools', 'py/pyrel-gen-fast']) {
      const result = ws.run(validate, [join(dir, 'pyproject.toml')], { check: false });
      expect(result.output).toContain('Valid file');
      expect(result.exitCode).toBe(0);
    }
  });

  it('the graph picks them up at once, with a test target where pytest is configured', () => {
    const projects = JSON.parse(ws.nx(['show', 'projects', '--json']).stdout) as string[];
    expect(projects.sort()).toEqual(['pyrel-gen-core', 'pyrel-gen-fast', 'pyrel-gen-tools']);
    const core = JSON.parse(ws.nx(['show', 'project', 'pyrel-gen-core', '--json']).stdout);
    expect(Object.keys(core.targets)).toEqual(expect.arrayContaining(['version', 'build-wheel', 'publish', 'test']));
    const fast = JSON.parse(ws.nx(['show', 'project', 'pyrel-gen-fast', '--json']).stdout);
    expect(fast.metadata.technologies).toEqual(['python', 'rust']);
  });

  it('each one builds, installs and imports (build-wheel --smoke), the maturin one with its Rust extension', () => {
    const result = ws.nx(['run-many', '-t', 'build-wheel', '--smoke', '--parallel=3', '--output-style=static']);
    for (const module of ['pyrel_gen_core', 'pyrel_gen_tools', 'pyrel_gen_fast']) expect(result.output).toContain(`import ${module}`);
    expect(result.output).toMatch(/pyrel_gen_fast-0\.1\.0-cp39-abi3-[^ ]+\.whl/);
  });

  it('the test target runs pytest with coverage, and fails below the threshold', () => {
    const passing = ws.nx(['run', 'pyrel-gen-core:test', '--skip-nx-cache'], { env: withUv });
    expect(passing.output).toMatch(/Required test coverage of 90(\.0)?% reached/);

    ws.write({ 'libs/pyrel-gen-core/src/pyrel_gen_core/untested.py': `def branchy(x):\n${Array.from({ length: 20 }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('')}    return -1\n` });
    const failing = ws.nx(['run', 'pyrel-gen-core:test'], { env: withUv, check: false });
    expect(failing.exitCode).not.toBe(0);
    expect(failing.output).toMatch(/Required test coverage of 90(\.0)?% not reached/);
  });

  it('pyproject keeps existing files, and refuses bad input with what to do', () => {
    const before = ws.read('libs/pyrel-gen-core/pyproject.toml');
    const again = ws.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-gen-core']);
    expect(again.output).toContain('kept existing files (pass --force to overwrite)');
    expect(ws.read('libs/pyrel-gen-core/pyproject.toml')).toBe(before);

    const unknown = ws.nx(['g', '@pyrel/nx:pyproject', 'libs/x', '--backend=poetry'], { check: false });
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.output).toMatch(/poetry/);
    expect(unknown.output).toMatch(/hatchling/);

    ws.write({ 'libs/legacy/setup.py': 'from setuptools import setup\nsetup(name="legacy")\n' });
    const legacy = ws.nx(['g', '@pyrel/nx:pyproject', 'libs/legacy'], { check: false });
    expect(legacy.exitCode).not.toBe(0);
    expect(legacy.output).toContain('libs/legacy is already a setup.py project');
    expect(legacy.output).toContain('[project] table in pyproject.toml');

    const badName = ws.nx(['g', '@pyrel/nx:pyproject', 'libs/x', '--name=my lib'], { check: false });
    expect(badName.exitCode).not.toBe(0);
    expect(badName.output).toContain('"my lib" is not a valid distribution name');
    ws.run('git', ['clean', '-fdq', 'libs/legacy']);
  });

  it('setup --dry-run shows the files and writes nothing', () => {
    ws.run('git', ['checkout', '--', '.']);
    ws.commit('three packages');
    const dry = ws.nx(['g', '@pyrel/nx:setup', '--dry-run']);
    expect(dry.output).toContain(`CREATE ${WORKFLOW}`);
    expect(dry.output).toContain('UPDATE nx.json');
    expect(ws.run('git', ['status', '--porcelain']).stdout).toBe('');
  });

  it('setup lists the projects, writes a workflow with the maturin matrix that passes actionlint and zizmor, and a rerun changes nothing', async () => {
    const first = ws.nx(['g', '@pyrel/nx:setup']);
    expect(first.output).toContain('found 3 Python project(s)');
    expect(first.output).toContain('pyrel-gen-fast (py/pyrel-gen-fast) maturin');
    const workflow = ws.read(WORKFLOW);
    expect(workflow).toContain('PyO3/maturin-action@');
    expect(workflow).toContain('npx nx affected -t build-wheel --exclude=pyrel-gen-fast');
    await expectLintClean(ws);

    ws.commit('setup');
    ws.nx(['g', '@pyrel/nx:setup']);
    expect(ws.run('git', ['status', '--porcelain']).stdout).toBe('');
  });

  it('a pure-Python workspace with one environment per project gets a workflow that passes both linters too', async () => {
    const pure = createTestWorkspace('generators-pure');
    try {
      pure.nx(['g', '@pyrel/nx:pyproject', 'libs/pyrel-gen-a']);
      const setup = pure.nx(['g', '@pyrel/nx:setup', '--environmentPerProject', '--releaseTagPattern=v{version}']);
      expect(setup.output).toContain('pyrel-gen-a: environment pypi-pyrel-gen-a on pypi, testpypi-pyrel-gen-a on testpypi');
      const workflow = pure.read(WORKFLOW);
      expect(workflow).not.toContain('maturin');
      expect(workflow).toContain('environment: pypi-${{ matrix.project }}');
      expect(pure.readJson<{ release: { releaseTag: { pattern: string } } }>('nx.json').release.releaseTag.pattern).toBe('v{version}');
      await expectLintClean(pure);
    } finally {
      pure.remove();
    }
  });
});
