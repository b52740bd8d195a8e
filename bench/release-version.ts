/**
 * `nx release version minor` over 200 interdependent packages, two ways in one run:
 *   (py) 200 Python packages versioned by @pyrel/nx's version actions (pyproject.toml,
 *        `__version__`, dependents' `>=` pins), no project.json;
 *   (js) 200 equivalent npm packages (package.json with the same dependencies) versioned by
 *        @nx/js, Nx's own path.
 * Both run with git commit/tag off and the daemon off, after `git checkout` of the workspace;
 * samples are interleaved. Prints medians and the ratio py / js (target: at most 1.0x).
 *
 *   npm run bench:release           (PYREL_BENCH_PACKAGES=200 PYREL_BENCH_SAMPLES=5 by default)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../e2e/utils/commands';
import { NX_WITH_JS_VERSION } from '../e2e/utils/paths';
import { installNxAndPlugin } from '../e2e/utils/workspace';
import { DEFAULT_RELEASE_PROJECTS } from '../packages/nx/src/generators/setup/generator';
import { commitAll } from './lib/hatchling-workspace';
import { measure, median, printTable, reportMeasures } from './lib/measure';

const PACKAGES = Number(process.env.PYREL_BENCH_PACKAGES ?? 200);
const SAMPLES = Number(process.env.PYREL_BENCH_SAMPLES ?? 5);

type Variant = 'py' | 'js';
const LABELS: Record<Variant, string> = { py: '(py) @pyrel/nx, Python packages', js: '(js) @nx/js, npm packages' };

const nameOf = (i: number) => `pkg-${String(i).padStart(4, '0')}`;

/** Up to three dependencies on lower-numbered packages, as in the graph benchmark. */
function dependenciesOf(i: number): number[] {
  const deps = new Set<number>();
  for (const step of [1, 7, 31]) if (i - step >= 0 && (i * step) % 3 !== 0) deps.add(i - step);
  return [...deps];
}

function pythonPackage(dir: string, i: number): void {
  const module = nameOf(i).replace('-', '_');
  mkdirSync(join(dir, 'src', module), { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), [
    '[build-system]', 'requires = ["hatchling"]', 'build-backend = "hatchling.build"', '',
    '[project]', `name = "${nameOf(i)}"`, 'version = "1.0.0"', 'requires-python = ">=3.9"',
    `dependencies = [${dependenciesOf(i).map((d) => `"${nameOf(d)}>=1.0.0"`).join(', ')}]`, '',
  ].join('\n'));
  writeFileSync(join(dir, 'src', module, '__init__.py'), '__version__ = "1.0.0"\n');
}

function npmPackage(dir: string, i: number): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const dependencies = Object.fromEntries(dependenciesOf(i).map((d) => [nameOf(d), '1.0.0']));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: nameOf(i), version: '1.0.0', dependencies }, null, 2)}\n`);
  writeFileSync(join(dir, 'src', 'index.js'), 'module.exports = 1;\n');
}

function writeWorkspace(root: string, template: string, variant: Variant): void {
  mkdirSync(root, { recursive: true });
  symlinkSync(join(template, 'node_modules'), join(root, 'node_modules'), 'dir');
  const workspaces = variant === 'js' ? { workspaces: ['packages/*'] } : {};
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'bench', private: true, ...workspaces }, null, 2)}\n`);
  const plugins = variant === 'py' ? ['@pyrel/nx'] : [];
  // What `nx g @pyrel/nx:setup` writes, in both workspaces.
  const release = { projects: DEFAULT_RELEASE_PROJECTS, projectsRelationship: 'independent', releaseTag: { pattern: '{projectName}@{version}', requireSemver: false } };
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins, release }, null, 2));
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\n');
  for (let i = 0; i < PACKAGES; i += 1) (variant === 'py' ? pythonPackage : npmPackage)(join(root, 'packages', nameOf(i)), i);
  commitAll(root);
}

function main(): void {
  const base = mkdtempSync(join(tmpdir(), 'pyrel-bench-release-'));
  try {
    const template = join(base, 'template');
    console.log(`Installing nx@${NX_WITH_JS_VERSION}, the packed @pyrel/nx and @nx/js@${NX_WITH_JS_VERSION} into ${template} …`);
    installNxAndPlugin(template, NX_WITH_JS_VERSION);
    runCommand('npm', ['install', '--no-audit', '--no-fund', '--save-dev', `@nx/js@${NX_WITH_JS_VERSION}`], { cwd: template });
    const variants: Variant[] = ['py', 'js'];
    const roots = Object.fromEntries(variants.map((v) => [v, join(base, v)])) as Record<Variant, string>;
    variants.forEach((v) => writeWorkspace(roots[v], template, v));
    console.log(`Generated ${PACKAGES} packages per workspace; ${SAMPLES} samples each, interleaved.`);

    const nx = join(template, 'node_modules', 'nx', JSON.parse(readFileSync(join(template, 'node_modules', 'nx', 'package.json'), 'utf8')).bin.nx);
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false' };
    const args = [nx, 'release', 'version', 'minor', '--dry-run=false', '--git-commit=false', '--git-tag=false', '--stage-changes=false'];
    // The project graph is cached once per workspace, so samples time the versioning, not inference.
    for (const variant of variants) runCommand(process.execPath, [nx, 'show', 'projects'], { cwd: roots[variant], env });
    const seconds: Record<Variant, number[]> = { py: [], js: [] };
    for (let round = 0; round < SAMPLES; round += 1) {
      for (const variant of variants) {
        runCommand('git', ['checkout', '--quiet', '--', '.'], { cwd: roots[variant] });
        seconds[variant].push(measure(process.execPath, args, roots[variant], env).seconds);
      }
    }
    const changed = (v: Variant) => runCommand('git', ['diff', '--name-only'], { cwd: roots[v] }).stdout.trim().split('\n').length;
    printTable([
      ['variant', 'median s', 'files changed'],
      ...variants.map((v) => [LABELS[v], median(seconds[v]).toFixed(3), String(changed(v))]),
    ]);
    console.log('');
    reportMeasures('release-version', [
      ['(py) / (js)', `${(median(seconds.py) / median(seconds.js)).toFixed(2)}x`, '<= 1.00x'],
    ]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
