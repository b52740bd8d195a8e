/**
 * Publishing 200 packages whose versions are all already on a local index (pypiserver on
 * 127.0.0.1), two ways in one run, samples interleaved:
 *   (loop) a shell loop of `uv publish --check-url` in each package directory (uv hashes the
 *          files, asks the index, and skips each one as already there);
 *   (nx)   `nx run-many -t publish`: build-wheel replays from the Nx cache, then the batch asks
 *          the index for every project (up to 16 at a time, as many as make it faster) and skips.
 * Both run twice: against the index directly, and through a proxy on 127.0.0.1 that delays each
 * request by 50 ms, the round trip to a remote index such as PyPI.
 * Prints medians and the ratios nx / loop (target: at most 0.5x).
 *
 *   npm run bench:publish         (PYREL_BENCH_PACKAGES=200 PYREL_BENCH_SAMPLES=3 by default)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../e2e/utils/commands';
import { startFaultProxy } from '../e2e/utils/fault-proxy';
import { startLocalIndexProcess } from '../e2e/utils/local-index-process';
import { installNxAndPlugin } from '../e2e/utils/workspace';
import { LOCAL_INDEX_PASSWORD, LOCAL_INDEX_USERNAME } from '../packages/nx/src/core/credentials';
import { resolveUv } from '../packages/nx/src/python/uv';
import { commitAll, writeHatchlingPackages } from './lib/hatchling-workspace';
import { measure, median, printTable, reportMeasures } from './lib/measure';

const PACKAGES = Number(process.env.PYREL_BENCH_PACKAGES ?? 200);
const SAMPLES = Number(process.env.PYREL_BENCH_SAMPLES ?? 3);
const REMOTE_DELAY_MS = 50;

type Setting = 'local' | 'remote';
const SETTINGS: Record<Setting, string> = { local: 'index on 127.0.0.1', remote: `same index, ${REMOTE_DELAY_MS} ms per request` };

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pyrel-bench-publish-'));
  const cacheDir = join(root, 'node_modules', '.cache', 'pyrel');
  let stopServers = async () => {};
  try {
    console.log(`Installing nx and the packed @pyrel/nx into ${root} …`);
    installNxAndPlugin(root);
    const uv = await resolveUv({ env: process.env, cacheDir, onBootstrap: (m) => console.log(m) });
    const index = await startLocalIndexProcess({ uv, cacheDir, dataDir: join(root, 'tmp', 'index') });
    const proxy = await startFaultProxy(index.url, { delayMs: REMOTE_DELAY_MS });
    stopServers = async () => {
      proxy.stop();
      await index.stop();
    };
    const urls: Record<Setting, { url: string; indexUrl: string }> = {
      local: { url: index.url, indexUrl: index.simpleUrl },
      remote: { url: proxy.url, indexUrl: `${proxy.url}simple/` },
    };
    const plugin = { plugin: '@pyrel/nx', options: { repositories: urls, repository: 'local' } };
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
    const loopEnv = (setting: Setting) => ({
      ...env, UV: uv, URL: urls[setting].url, INDEX: urls[setting].indexUrl, UV_PUBLISH_USERNAME: LOCAL_INDEX_USERNAME, UV_PUBLISH_PASSWORD: LOCAL_INDEX_PASSWORD,
    });

    const settings: Setting[] = ['local', 'remote'];
    const seconds = Object.fromEntries(settings.map((s) => [s, { loop: [] as number[], nx: [] as number[] }])) as Record<Setting, { loop: number[]; nx: number[] }>;
    for (let round = 0; round < SAMPLES; round += 1) {
      for (const setting of settings) {
        seconds[setting].loop.push(measure('bash', loop, root, loopEnv(setting)).seconds);
        seconds[setting].nx.push(measure(process.execPath, [...runMany, `--repository=${setting}`], root, env).seconds);
      }
    }
    printTable([
      ['variant', ...settings.map((setting) => `${SETTINGS[setting]}, median s`)],
      ['(loop) shell loop of uv publish --check-url', ...settings.map((setting) => median(seconds[setting].loop).toFixed(2))],
      ['(nx) nx run-many -t publish, all already published', ...settings.map((setting) => median(seconds[setting].nx).toFixed(2))],
    ]);
    console.log('');
    reportMeasures('publish', [
      ...settings.map((setting) => [`(nx) / (loop), ${SETTINGS[setting]}`, `${(median(seconds[setting].nx) / median(seconds[setting].loop)).toFixed(2)}x`, '<= 0.50x'] as const),
    ]);
  } finally {
    await stopServers();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
