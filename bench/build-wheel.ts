/**
 * Building 50 hatchling packages, three ways in one run:
 *   (loop)   a shell loop of plain `uv build` in each package directory, one after another;
 *   (cold)   `nx run-many -t build-wheel` with the Nx cache skipped: uv build plus our checks
 *            (twine check, wheel contents, versions), Nx running tasks in parallel;
 *   (replay) the same `nx run-many` after a cached run with every dist/ removed: all cache hits.
 * Both builds use the same uv (the plugin's own) with a warm uv cache, so the samples time
 * building, not downloading hatchling. Samples are interleaved. Prints medians and the ratios
 * cold / loop (target: at most 1.15x) and replay / cold (target: at most 0.10x).
 *
 *   npm run bench:build           (PYREL_BENCH_PACKAGES=50 PYREL_BENCH_SAMPLES=3 by default)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../e2e/utils/commands';
import { installNxAndPlugin } from '../e2e/utils/workspace';
import { resolveUv } from '../packages/nx/src/python/uv';
import { commitAll, writeHatchlingPackages } from './lib/hatchling-workspace';
import { measure, median, printTable, reportMeasures } from './lib/measure';

const PACKAGES = Number(process.env.PYREL_BENCH_PACKAGES ?? 50);
const SAMPLES = Number(process.env.PYREL_BENCH_SAMPLES ?? 3);

type Variant = 'loop' | 'cold' | 'replay';
const LABELS: Record<Variant, string> = {
  loop: '(loop) shell loop of uv build',
  cold: '(cold) nx run-many -t build-wheel, no cache',
  replay: '(replay) nx run-many -t build-wheel, all cached',
};

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pyrel-bench-build-'));
  try {
    console.log(`Installing nx and the packed @pyrel/nx into ${root} …`);
    installNxAndPlugin(root);
    writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins: ['@pyrel/nx'] }, null, 2));
    writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\ndist\n');
    const dirs = writeHatchlingPackages(root, PACKAGES, 'bench-pkg', { readme: true });
    commitAll(root);

    const uv = await resolveUv({ env: process.env, cacheDir: join(root, 'node_modules', '.cache', 'pyrel'), onBootstrap: (m) => console.log(m) });
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', PYREL_UV: uv };
    const nx = join(root, 'node_modules', 'nx', JSON.parse(readFileSync(join(root, 'node_modules', 'nx', 'package.json'), 'utf8')).bin.nx);
    const loop = ['-c', `set -e; for d in ${dirs.join(' ')}; do (cd "$d" && "$UV" build --quiet --out-dir dist); done`];
    const runMany = [nx, 'run-many', '-t', 'build-wheel', '--output-style=static'];
    const clean = () => dirs.forEach((dir) => rmSync(join(root, dir, 'dist'), { recursive: true, force: true }));

    // Warm-up: the graph, uv's cache of hatchling and twine, and the Nx cache the replays read.
    runCommand(process.execPath, runMany, { cwd: root, env });
    console.log(`Generated ${PACKAGES} packages; ${SAMPLES} samples each, interleaved.`);
    const seconds: Record<Variant, number[]> = { loop: [], cold: [], replay: [] };
    for (let round = 0; round < SAMPLES; round += 1) {
      clean();
      seconds.loop.push(measure('bash', loop, root, { ...env, UV: uv }).seconds);
      clean();
      seconds.cold.push(measure(process.execPath, [...runMany, '--skip-nx-cache'], root, env).seconds);
      clean();
      seconds.replay.push(measure(process.execPath, runMany, root, env).seconds);
    }
    printTable([['variant', 'median s'], ...(Object.keys(LABELS) as Variant[]).map((v) => [LABELS[v], median(seconds[v]).toFixed(2)])]);
    console.log('');
    reportMeasures('build-wheel', [
      ['(cold) / (loop)', `${(median(seconds.cold) / median(seconds.loop)).toFixed(2)}x`, '<= 1.15x'],
      ['(replay) / (cold)', `${(median(seconds.replay) / median(seconds.cold)).toFixed(2)}x`, '<= 0.10x'],
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
