import type { Workspace } from './workspace';

/**
 * Turns a package made by the pyproject generator into a CLI: console scripts that print and
 * exit, each tested, so the coverage gate stays green and verification can run them.
 */
export function addConsoleScripts(ws: Workspace, dir: string, module: string, scripts: readonly string[]): void {
  const pyproject = ws.read(`${dir}/pyproject.toml`);
  const table = ['[project.scripts]', ...scripts.map((script) => `${script} = "${module}.cli:${script.replace(/-/g, '_')}"`), ''].join('\n');
  const functions = scripts.map((script) => `def ${script.replace(/-/g, '_')}(argv=None):\n    """${script}: prints its name."""\n    print("${script}", __version__)\n    return 0\n`);
  const tests = scripts.map((script) => `def test_${script.replace(/-/g, '_')}(capsys):\n    assert cli.${script.replace(/-/g, '_')}([]) == 0\n    assert "${script}" in capsys.readouterr().out\n`);
  ws.write({
    [`${dir}/pyproject.toml`]: pyproject.replace('[dependency-groups]', `${table}\n[dependency-groups]`),
    [`${dir}/src/${module}/cli.py`]: `from ${module} import __version__\n\n\n${functions.join('\n\n')}`,
    [`${dir}/tests/test_cli.py`]: `from ${module} import cli\n\n\n${tests.join('\n\n')}`,
  });
}
