/**
 * `npm run demo`: builds a polyglot workspace from examples/polyglot in a temp dir (kept), installs
 * nx and the packed plugin, starts a local index, publishes every Python package to it in
 * dependency order through `nx run-many -t publish`, pip-installs them back, prints a summary and
 * stops the index. Rust-backed packages are skipped, with a notice, when cargo is missing.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../packages/nx/src/core/format';
import { startLocalIndex, type LocalIndex } from '../packages/nx/src/index/local-index';
import { resolveUv } from '../packages/nx/src/python/uv';
import { findOnPath } from '../packages/nx/src/python/which';
import { createVenv } from '../e2e/utils/commands';
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

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pyrel-demo-'));
  const hasCargo = findOnPath('cargo', process.env) !== null;
  console.log(`Demo workspace: ${root} (kept after the demo)`);
  const ws = openWorkspace(root);

  await step('Creating the polyglot workspace and installing nx + the packed @pyrel/nx', () => {
    cpSync(EXAMPLE, root, { recursive: true });
    if (!hasCargo) {
      RUST_DIRS.forEach((dir) => rmSync(join(root, dir), { recursive: true, force: true }));
      console.log('  cargo was not found on PATH: skipping the Rust-backed package demo-fastcalc (install Rust from https://rustup.rs to include it).');
    }
    ws.write(WORKSPACE_FILES);
    installNxAndPlugin(root);
    ws.nx(['g', '@pyrel/nx:setup']);
    ws.commit('demo workspace');
  });

  const dataDir = join(root, 'tmp', 'local-index');
  const index: LocalIndex = await step('Starting a local package index (pypiserver on 127.0.0.1)', async () => {
    const uv = await resolveUv({ env: process.env, cacheDir: SHARED_TOOL_CACHE, onBootstrap: (m) => console.log(`  ${m}`) });
    const started = await startLocalIndex({ uv, cacheDir: SHARED_TOOL_CACHE, dataDir, env: process.env });
    console.log(`  serving ${started.simpleUrl} (pid ${started.pid})`);
    return started;
  });

  try {
    await step('Registering the index as repository "local" in nx.json', () => {
      ws.updateJson<{ plugins: Array<{ plugin: string; options?: Record<string, unknown> }> }>('nx.json', (nxJson) => {
        const entry = nxJson.plugins.find((p) => p.plugin === '@pyrel/nx');
        if (entry) entry.options = { ...entry.options, repositories: { local: { url: index.url, indexUrl: index.simpleUrl } } };
        return nxJson;
      });
      console.log(ws.nx(['show', 'projects']).stdout.trim().replace(/^/gm, '  '));
    });

    await step('Building and publishing every Python package, dependencies first (nx run-many -t publish)', () => {
      const result = ws.nx(['run-many', '-t', 'publish', '--repository=local'], { env: { PYREL_CACHE_DIR: SHARED_TOOL_CACHE } });
      console.log(result.stdout.split('\n').filter((l) => /nx run \S+:publish|Successfully ran/.test(l)).map((l) => `  ${l.trim()}`).join('\n'));
    });

    const installed = await step('Installing the packages back from the index into a fresh venv (pip)', () => {
      const venv = createVenv(join(root, '.venv-demo'));
      const wanted = ['demo-cli', ...(hasCargo ? ['demo-fastcalc'] : [])];
      venv.pip(['install', '--quiet', '--index-url', index.simpleUrl, ...wanted]);
      console.log(`  demo-cli Ada -> ${ws.run(join(root, '.venv-demo', 'bin', 'demo-cli'), ['Ada']).stdout.trim()}`);
      if (hasCargo) console.log(`  demo_fastcalc.add(2, 3) -> ${ws.run(venv.python, ['-c', 'import demo_fastcalc; print(demo_fastcalc.add(2, 3))']).stdout.trim()}`);
      const list = JSON.parse(venv.pip(['list', '--format=json']).stdout) as Array<{ name: string; version: string }>;
      return new Map(list.map((p) => [p.name.toLowerCase().replace(/_/g, '-'), p.version]));
    });

    await step('Summary', () => {
      const rows = [['order', 'package', 'version', 'files on the index', 'pip installed']];
      publishedPackages(dataDir).forEach((p, i) => rows.push([String(i + 1), p.distribution, p.version, p.files.sort().join(', '), installed.get(p.distribution) ?? '-']));
      formatTable(rows).forEach((line) => console.log(line));
      console.log(`\nWorkspace kept at ${root}. Try: cd ${root} && npx nx graph`);
    });
  } finally {
    await index.stop();
    console.log('Local index stopped.');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
