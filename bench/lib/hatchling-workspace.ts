import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../e2e/utils/commands';

/**
 * Writes `count` independent hatchling packages under `packages/` (src layout, `__version__`,
 * optionally a README so twine checks run `--strict`) and returns their directories.
 */
export function writeHatchlingPackages(root: string, count: number, prefix: string, { readme = false } = {}): string[] {
  const dirs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `${prefix}-${String(i).padStart(3, '0')}`;
    const dir = join('packages', name);
    const module = name.replace(/-/g, '_');
    mkdirSync(join(root, dir, 'src', module), { recursive: true });
    writeFileSync(join(root, dir, 'pyproject.toml'), [
      '[build-system]', 'requires = ["hatchling"]', 'build-backend = "hatchling.build"', '',
      '[project]', `name = "${name}"`, 'version = "1.0.0"', ...(readme ? ['readme = "README.md"'] : []), 'requires-python = ">=3.9"', '',
    ].join('\n'));
    if (readme) writeFileSync(join(root, dir, 'README.md'), `# ${name}\n\nA benchmark package.\n`);
    writeFileSync(join(root, dir, 'src', module, '__init__.py'), '__version__ = "1.0.0"\n\n\ndef answer() -> int:\n    return 42\n');
    dirs.push(dir);
  }
  return dirs;
}

/** `git init` and one commit of everything, as a user's workspace has (build-wheel reads the last commit's time). */
export function commitAll(root: string): void {
  const git = (args: string[]) => runCommand('git', args, { cwd: root });
  git(['init', '--quiet', '--initial-branch=main']);
  git(['add', '-A']);
  git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '--quiet', '-m', 'packages']);
}
