/**
 * Cold project-graph cost at 1,000 Python packages, three ways in one run, on identical files:
 *   (a) @pyrel/nx inferring everything, no project.json;
 *   (b) bare Nx, one project.json per package (with implicitDependencies), no plugin;
 *   (c) @nxlv/python with one project.json per package;
 *   (d) as (b) plus a plugin that matches every pyproject.toml and infers nothing: the price Nx
 *       charges any plugin (worker start-up, file matching), so (a) - (d) is what our work costs.
 * Each sample is `nx reset` then `nx graph --file=graph.json` with the daemon off; samples of the
 * three variants are interleaved so machine noise hits them alike. Prints medians and ratios.
 * Every variant is measured twice: with Nx's default plugin isolation (each plugin in its own
 * worker process, whose start-up Nx charges to every plugin) and in-process
 * (NX_ISOLATE_PLUGINS=false), which shows what the plugin's own work costs.
 *
 *   npm run bench:graph            (PYREL_BENCH_PACKAGES=1000 PYREL_BENCH_SAMPLES=5 by default)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installNxAndPlugin } from '../e2e/utils/workspace';
import { runCommand } from '../e2e/utils/commands';
import { measure, median, printTable, reportMeasures, type Sample } from './lib/measure';

const PACKAGES = Number(process.env.PYREL_BENCH_PACKAGES ?? 1000);
const SAMPLES = Number(process.env.PYREL_BENCH_SAMPLES ?? 5);
const NXLV_VERSION = '23.1.1';

type Variant = 'pyrel' | 'bare' | 'nxlv' | 'noop';
const LABELS: Record<Variant, string> = {
  pyrel: '(a) @pyrel/nx, no project.json',
  bare: '(b) bare Nx, project.json',
  nxlv: '(c) @nxlv/python, project.json',
  noop: '(d) do-nothing plugin, project.json',
};

const NOOP_PLUGIN = "module.exports = { name: 'noop', createNodes: ['**/pyproject.toml', () => []] };\n";

const nameOf = (i: number) => `pkg-${String(i).padStart(4, '0')}`;

/** Up to three dependencies on lower-numbered packages, so the graph is acyclic and deterministic. */
function dependenciesOf(i: number): number[] {
  const deps = new Set<number>();
  for (const step of [1, 7, 31]) if (i - step >= 0 && (i * step) % 3 !== 0) deps.add(i - step);
  return [...deps];
}

/** First half uv workspace members (`workspace = true`), second half standalone with `path` sources. */
function pyproject(i: number): string {
  const deps = dependenciesOf(i).map(nameOf);
  const inWorkspace = i < PACKAGES / 2;
  const sources = deps.map((d) => (inWorkspace ? `${d} = { workspace = true }` : `${d} = { path = "../${d}" }`));
  return [
    '[build-system]', 'requires = ["hatchling"]', 'build-backend = "hatchling.build"', '',
    '[project]', `name = "${nameOf(i)}"`, 'version = "1.0.0"', 'requires-python = ">=3.9"',
    `dependencies = [${deps.map((d) => `"${d}>=1.0"`).join(', ')}]`, '',
    '[dependency-groups]', 'dev = ["pytest>=8"]', '',
    '[tool.uv.sources]', ...sources, '',
  ].join('\n');
}

function writeWorkspace(root: string, template: string, variant: Variant): void {
  mkdirSync(root, { recursive: true });
  symlinkSync(join(template, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "name": "bench", "private": true }\n');
  const plugins = { pyrel: ['@pyrel/nx'], bare: [], nxlv: [{ plugin: '@nxlv/python', options: { packageManager: 'uv' } }], noop: ['pyrel-bench-noop-plugin'] }[variant];
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins }, null, 2));
  writeFileSync(join(root, 'pyproject.toml'), `[tool.uv.workspace]\nmembers = [${Array.from({ length: PACKAGES / 2 }, (_, i) => `"packages/${nameOf(i)}"`).join(', ')}]\n`);
  for (let i = 0; i < PACKAGES; i += 1) {
    const dir = join(root, 'packages', nameOf(i));
    mkdirSync(join(dir, 'src', nameOf(i).replace('-', '_')), { recursive: true });
    writeFileSync(join(dir, 'pyproject.toml'), pyproject(i));
    writeFileSync(join(dir, 'src', nameOf(i).replace('-', '_'), '__init__.py'), '__version__ = "1.0.0"\n');
    if (variant !== 'pyrel') {
      const project: Record<string, unknown> = { name: nameOf(i), projectType: 'library' };
      if (variant === 'bare' || variant === 'noop') project.implicitDependencies = dependenciesOf(i).map(nameOf);
      writeFileSync(join(dir, 'project.json'), JSON.stringify(project, null, 2));
    }
  }
}

function edgeCount(root: string): number {
  const graph = JSON.parse(readFileSync(join(root, 'graph.json'), 'utf8')) as { graph: { dependencies: Record<string, unknown[]> } };
  return Object.values(graph.graph.dependencies).reduce((sum, deps) => sum + deps.length, 0);
}

function main(): void {
  const base = mkdtempSync(join(tmpdir(), 'pyrel-bench-graph-'));
  try {
    const template = join(base, 'template');
    console.log(`Installing nx, the packed @pyrel/nx and @nxlv/python@${NXLV_VERSION} into ${template} …`);
    installNxAndPlugin(template);
    runCommand('npm', ['install', '--no-audit', '--no-fund', '--save-dev', `@nxlv/python@${NXLV_VERSION}`], { cwd: template });
    // An installed package, like the other plugins, so Nx loads it the same way (no local-plugin transpiling).
    const noopDir = join(template, 'node_modules', 'pyrel-bench-noop-plugin');
    mkdirSync(noopDir, { recursive: true });
    writeFileSync(join(noopDir, 'package.json'), '{ "name": "pyrel-bench-noop-plugin", "version": "1.0.0", "main": "index.js" }\n');
    writeFileSync(join(noopDir, 'index.js'), NOOP_PLUGIN);

    const variants: Variant[] = ['pyrel', 'bare', 'nxlv', 'noop'];
    const roots = Object.fromEntries(variants.map((v) => [v, join(base, v)])) as Record<Variant, string>;
    variants.forEach((v) => writeWorkspace(roots[v], template, v));
    console.log(`Generated ${PACKAGES} packages per workspace; ${SAMPLES} cold samples each, interleaved.`);

    const nx = join(template, 'node_modules', 'nx', JSON.parse(readFileSync(join(template, 'node_modules', 'nx', 'package.json'), 'utf8')).bin.nx);
    const baseEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false' };
    const modes = { isolated: { ...baseEnv, NX_ISOLATE_PLUGINS: 'true' }, 'in-process': { ...baseEnv, NX_ISOLATE_PLUGINS: 'false' } };
    type Mode = keyof typeof modes;
    const samples = new Map<string, Sample[]>();
    // One untimed graph per variant first: Nx compiles nothing twice, but the OS file cache should be warm for all alike.
    for (const variant of variants) runCommand(process.execPath, [nx, 'graph', '--file=graph.json'], { cwd: roots[variant], env: modes.isolated });
    const key = (v: Variant, m: Mode) => `${v}/${m}`;
    for (let round = 0; round < SAMPLES; round += 1) {
      for (const mode of Object.keys(modes) as Mode[]) {
        for (const variant of variants) {
          runCommand(process.execPath, [nx, 'reset', '--onlyWorkspaceData'], { cwd: roots[variant], env: modes[mode] });
          const sample = measure(process.execPath, [nx, 'graph', '--file=graph.json'], roots[variant], modes[mode]);
          samples.set(key(variant, mode), [...(samples.get(key(variant, mode)) ?? []), sample]);
        }
      }
    }
    // Nx's own graph cache off, our manifest cache (left by the last cold sample) on: what a re-inference costs.
    const warm = measure(process.execPath, [nx, 'graph', '--file=graph.json'], roots.pyrel, { ...modes['in-process'], NX_CACHE_PROJECT_GRAPH: 'false' });

    const seconds = (v: Variant, m: Mode) => median((samples.get(key(v, m)) ?? []).map((s) => s.seconds));
    const rss = (v: Variant, m: Mode) => {
      const values = (samples.get(key(v, m)) ?? []).map((s) => s.peakRssMiB).filter((x): x is number => x !== null);
      return values.length ? `${median(values).toFixed(0)} MiB` : 'n/a';
    };
    printTable([
      ['variant', 'plugins', 'median cold s', 'peak RSS', 'edges'],
      ...(Object.keys(modes) as Mode[]).flatMap((m) => variants.map((v) => [LABELS[v], m, seconds(v, m).toFixed(3), rss(v, m), String(edgeCount(roots[v]))])),
    ]);
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)} s`;
    console.log('');
    reportMeasures('graph', [
      ['(a) - (b), cold, isolated plugins (Nx default)', signed(seconds('pyrel', 'isolated') - seconds('bare', 'isolated')), '<= 0.250 s'],
      ['(a) - (b), cold, in-process plugins', signed(seconds('pyrel', 'in-process') - seconds('bare', 'in-process')), '<= 0.250 s'],
      ['(d) - (b), cold, isolated: Nx\'s price for any plugin', signed(seconds('noop', 'isolated') - seconds('bare', 'isolated')), 'informational'],
      ['(a) - (d), cold, isolated: our inference beyond that', signed(seconds('pyrel', 'isolated') - seconds('noop', 'isolated')), 'informational'],
      ['(a) / (c), cold, isolated plugins', `${(seconds('pyrel', 'isolated') / seconds('nxlv', 'isolated')).toFixed(2)}x`, '<= 0.60x'],
      ['(a) / (c), cold, in-process plugins', `${(seconds('pyrel', 'in-process') / seconds('nxlv', 'in-process')).toFixed(2)}x`, '<= 0.60x'],
      ['(a) re-inference with manifest cache / cold, in-process', `${(warm.seconds / seconds('pyrel', 'in-process')).toFixed(2)}x`, 'informational'],
    ]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
