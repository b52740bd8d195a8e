/**
 * Publishing 200 packages whose versions are all already on a local index (pypiserver on
 * 127.0.0.1), two ways in one run, samples interleaved:
 *   (loop) a shell loop of `uv publish --check-url` in each package directory (uv hashes the
 *          files, asks the index, and skips each one as already there);
 *   (nx)   `nx run-many -t publish`: build-wheel replays from the Nx cache, then each publish
 *          asks the index once and skips.
 * Prints medians and the ratio nx / loop (target: at most 0.5x).
 *
 *   npm run bench:publish         (PYREL_BENCH_PACKAGES=200 PYREL_BENCH_SAMPLES=3 by default)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../e2e/utils/commands';
import { installNxAndPlugin } from '../e2e/utils/workspace';
import { LOCAL_INDEX_PASSWORD, LOCAL_INDEX_USERNAME } from '../packages/nx/src/core/credentials';
import { startLocalIndex } from '../packages/nx/src/index/local-index';
import { resolveUv } from '../packages/nx/src/python/uv';
import { commitAll, writeHatchlingPackages } from './lib/hatchling-workspace';
import { measure, median, printTable } from './lib/measure';

const PACKAGES = Number(process.env.PYREL_BENCH_PACKAGES ?? 200);
const SAMPLES = Number(process.env.PYREL_BENCH_SAMPLES ?? 3);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pyrel-bench-publish-'));
  const cacheDir = join(root, 'node_modules', '.cache', 'pyrel');
  let stopIndex = async () => {};
  try {
    console.log(`Installing nx and the packed @pyrel/nx into ${root} …`);
    installNxAndPlugin(root);
    const uv = await resolveUv({ env: process.env, cacheDir, onBootstrap: (m) => console.log(m) });
    const index = await startLocalIndex({ uv, cacheDir, dataDir: join(root, 'tmp', 'index'), env: process.env });
    stopIndex = () => index.stop();
    const plugin = { plugin: '@pyrel/nx', options: { repositories: { local: { url: index.url, indexUrl: index.simpleUrl } }, repository: 'local' } };
    writeFileSync(join(root, 'nx.json'), JSON.stringify({ plugins: [plugin] }, null, 2));
    writeFileSync(join(root, '.gitignore'), 'node_modules\n.nx\ndist\ntmp\n');
    const dirs = writeHatchlingPackages(root, PACKAGES, 'bench-pub');
    commitAll(root);

    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', PYREL_UV: uv };
    const nx = join(root, 'node_modules', 'nx', JSON.parse(readFileSync(join(root, 'node_modules', 'nx', 'package.json'), 'utf8')).bin.nx);
    const runMany = [nx, 'run-many', '-t', 'publish', '--output-style=static'];
    console.log(`Generated ${PACKAGES} packages; building and publishing them once …`);
    runCommand(process.execPath, [...runMany, '--no-verify'], { cwd: root, env });
    const loop = ['-c', `set -e; for d in ${dirs.join(' ')}; do (cd "$d" && "$UV" publish --no-progress --publish-url "$URL" --check-url "$INDEX" dist/*); done`];
    const loopEnv = { ...env, UV: uv, URL: index.url, INDEX: index.simpleUrl, UV_PUBLISH_USERNAME: LOCAL_INDEX_USERNAME, UV_PUBLISH_PASSWORD: LOCAL_INDEX_PASSWORD };

    const seconds = { loop: [] as number[], nx: [] as number[] };
    for (let round = 0; round < SAMPLES; round += 1) {
      seconds.loop.push(measure('bash', loop, root, loopEnv).seconds);
      seconds.nx.push(measure(process.execPath, runMany, root, env).seconds);
    }
    printTable([
      ['variant', 'median s'],
      ['(loop) shell loop of uv publish --check-url', median(seconds.loop).toFixed(2)],
      ['(nx) nx run-many -t publish, all already published', median(seconds.nx).toFixed(2)],
    ]);
    console.log('');
    printTable([['measure', 'value', 'target'], ['(nx) / (loop)', `${(median(seconds.nx) / median(seconds.loop)).toFixed(2)}x`, '<= 0.50x']]);
  } finally {
    await stopIndex();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
