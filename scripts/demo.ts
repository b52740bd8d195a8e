/**
 * `npm run demo`: builds a polyglot workspace from examples/polyglot in a temp dir (kept), installs
 * nx and the packed plugin, runs setup, starts two local indexes standing in for TestPyPI and PyPI,
 * publishes a pre-release of every Python package to the first and the stable release to the
 * second, dependencies first, pip-installs them back, prints a summary and stops the indexes.
 * Rust-backed packages are skipped, with a notice, when cargo is missing.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../packages/nx/src/core/format';
import type { LocalIndex } from '../packages/nx/src/index/local-index';
import { resolveUv } from '../packages/nx/src/python/uv';
import { findOnPath } from '../packages/nx/src/python/which';
import { createVenv } from '../e2e/utils/commands';
import { startLocalIndexProcess } from '../e2e/utils/local-index-process';
import { REPO_ROOT, SHARED_TOOL_CACHE } from '../e2e/utils/paths';
import { installNxAndPlugin, openWorkspace, WORKSPACE_FILES } from '../e2e/utils/workspace';

const EXAMPLE = join(REPO_ROOT, 'examples', 'polyglot');
const RUST_DIRS = ['libs/fastcalc', 'crates/fastcalc-core'];
const TOTAL_STEPS = 6;
let stepNumber = 0;

async function step<T>(title: string, work: () => T | Promise<T>): Promise<T> {
  stepNumber += 1;
  const started = Date.now();
  process.stdout.write(`\n[${stepNumber}/${TOTAL_STEPS}] ${title} …\n`);
  const result = await work();
  process.stdout.write(`[${stepNumber}/${TOTAL_STEPS}] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

interface PublishedPackage {
  distribution: string;
  version: string;
  files: string[];
  uploadedAt: number;
}

/** What the index holds, grouped per distribution and ordered by upload time: the order Nx published in. */
function publishedPackages(dataDir: string): PublishedPackage[] {
  const byName = new Map<string, PublishedPackage>();
  for (const file of readdirSync(dataDir)) {
    const match = /^(.+?)-(\d[^-]*?)(?:\.tar\.gz|-.+\.whl)$/.exec(file);
    if (!match) continue;
    const distribution = match[1].replace(/_/g, '-');
    const entry = byName.get(distribution) ?? { distribution, version: match[2], files: [], uploadedAt: Infinity };
    entry.files.push(file);
    entry.uploadedAt = Math.min(entry.uploadedAt, statSync(join(dataDir, file)).mtimeMs);
    byName.set(distribution, entry);
  }
  return [...byName.values()].sort((a, b) => a.uploadedAt - b.uploadedAt);
}

type IndexName = 'testpypi' | 'pypi';

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pyrel-demo-'));
  const hasCargo = findOnPath('cargo', process.env) !== null;
  console.log(`Demo workspace: ${root} (kept after the demo)`);
  const ws = openWorkspace(root);
  const env = { PYREL_CACHE_DIR: SHARED_TOOL_CACHE, PYREL_TOKEN_TESTPYPI: 'local-demo', PYREL_TOKEN_PYPI: 'local-demo' };

  await step('Creating the polyglot workspace, installing nx + the packed @pyrel/nx, nx g @pyrel/nx:setup', () => {
    cpSync(EXAMPLE, root, { recursive: true });
    if (!hasCargo) {
      RUST_DIRS.forEach((dir) => rmSync(join(root, dir), { recursive: true, force: true }));
      console.log('  cargo was not found on PATH: skipping the Rust-backed package demo-fastcalc (install Rust from https://rustup.rs to include it).');
    }
    ws.write(WORKSPACE_FILES);
    installNxAndPlugin(root);
    const setup = ws.nx(['g', '@pyrel/nx:setup']);
    console.log(setup.output.split('\n').filter((l) => /^\s+\S+ \(|found \d|wrote|CREATE|UPDATE/.test(l)).map((l) => `  ${l.trim()}`).join('\n'));
    ws.commit('demo workspace');
  });

  const dataDir = (name: IndexName) => join(root, 'tmp', 'indexes', name);
  const indexes: Partial<Record<IndexName, LocalIndex>> = {};
  try {
    await step('Starting two local indexes (pypiserver on 127.0.0.1) as "testpypi" and "pypi" in nx.json', async () => {
      const uv = await resolveUv({ env: process.env, cacheDir: SHARED_TOOL_CACHE, onBootstrap: (m) => console.log(`  ${m}`) });
      for (const name of ['testpypi', 'pypi'] as const) {
        const index = await startLocalIndexProcess({ uv, cacheDir: SHARED_TOOL_CACHE, dataDir: dataDir(name) });
        indexes[name] = index;
        console.log(`  ${name.padEnd(8)} stand-in: ${index.simpleUrl} (pids ${index.pids.join(', ')})`);
      }
      ws.updateJson<{ plugins: Array<{ plugin: string; options?: Record<string, unknown> }> }>('nx.json', (nxJson) => {
        const entry = nxJson.plugins.find((p) => p.plugin === '@pyrel/nx');
        if (entry) entry.options = { ...entry.options, repositories: Object.fromEntries(Object.entries(indexes).map(([name, index]) => [name, { url: index.url, indexUrl: index.simpleUrl }])) };
        return nxJson;
      });
    });

    await step('Pre-release of every Python package to the TestPyPI stand-in (nx run-many -t publish --prerelease)', () => {
      const result = ws.nx(['run-many', '-t', 'publish', '--prerelease', '--output-style=static'], { env });
      console.log(result.stdout.split('\n').filter((l) => /Published \d|bumped|Successfully ran/.test(l)).map((l) => `  ${l.trim()}`).join('\n'));
    });

    await step('Stable release to the PyPI stand-in (nx run-many -t version --bump=0.1.1, then -t publish)', () => {
      ws.nx(['run-many', '-t', 'version', '--bump=0.1.1'], { env });
      const result = ws.nx(['run-many', '-t', 'publish', '--output-style=static'], { env });
      console.log(result.stdout.split('\n').filter((l) => /Published \d|Successfully ran/.test(l)).map((l) => `  ${l.trim()}`).join('\n'));
    });

    const installed = await step('Installing the packages back from the PyPI stand-in into a fresh venv (pip)', () => {
      const venv = createVenv(join(root, '.venv-demo'));
      const wanted = ['demo-cli', ...(hasCargo ? ['demo-fastcalc'] : [])];
      venv.pip(['install', '--quiet', '--index-url', (indexes.pypi as LocalIndex).simpleUrl, ...wanted]);
      console.log(`  demo-cli Ada -> ${ws.run(join(root, '.venv-demo', 'bin', 'demo-cli'), ['Ada']).stdout.trim()}`);
      if (hasCargo) console.log(`  demo_fastcalc.add(2, 3) -> ${ws.run(venv.python, ['-c', 'import demo_fastcalc; print(demo_fastcalc.add(2, 3))']).stdout.trim()}`);
      const list = JSON.parse(venv.pip(['list', '--format=json']).stdout) as Array<{ name: string; version: string }>;
      return new Map(list.map((p) => [p.name.toLowerCase().replace(/_/g, '-'), p.version]));
    });

    await step('Summary', () => {
      const prereleases = new Map(publishedPackages(dataDir('testpypi')).map((p) => [p.distribution, p.version]));
      const rows = [['order', 'package', 'TestPyPI stand-in', 'PyPI stand-in', 'files on PyPI stand-in', 'pip installed']];
      publishedPackages(dataDir('pypi')).forEach((p, i) => rows.push([String(i + 1), p.distribution, prereleases.get(p.distribution) ?? '-', p.version, p.files.sort().join(', '), installed.get(p.distribution) ?? '-']));
      formatTable(rows).forEach((line) => console.log(line));
      console.log(`\nWorkspace kept at ${root}. Try: cd ${root} && npx nx graph, and read .github/workflows/python-release.yml`);
    });
  } finally {
    for (const index of Object.values(indexes)) await index.stop();
    console.log('Local indexes stopped.');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
