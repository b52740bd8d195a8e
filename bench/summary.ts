/**
 * `npm run bench`: runs every benchmark under bench/ one after another (each prints its own
 * tables as it goes), then one table of all their measures against their targets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable, SUMMARY_FILE_ENV } from './lib/measure';

const BENCHMARKS = ['graph-inference', 'release-version', 'build-wheel', 'publish-skip'];

interface Measure { benchmark: string; measure: string; value: string; target: string }

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'pyrel-bench-'));
  const file = join(dir, 'measures.jsonl');
  const tsx = join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const failed: string[] = [];
  try {
    for (const benchmark of BENCHMARKS) {
      console.log(`\n=== bench/${benchmark}.ts ===`);
      const result = spawnSync(process.execPath, [tsx, join(__dirname, `${benchmark}.ts`)], { stdio: 'inherit', env: { ...process.env, [SUMMARY_FILE_ENV]: file } });
      if (result.status !== 0) failed.push(benchmark);
    }
    const measures = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Measure) : [];
    console.log('\n=== Summary: every benchmark, ratios measured in the same run ===');
    printTable([['benchmark', 'measure', 'value', 'target'], ...measures.map((m) => [m.benchmark, m.measure, m.value, m.target])]);
    if (failed.length > 0) {
      console.error(`\nFailed: ${failed.join(', ')} (their output is above).`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
