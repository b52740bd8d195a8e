import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { formatTable } from '../../packages/nx/src/core/format';

export interface Sample {
  seconds: number;
  /** Peak resident set size of the largest process of the run (the command or one of its children), in MiB. */
  peakRssMiB: number | null;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command once and measures its wall time and, where GNU time exists, its peak RSS. */
export function measure(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const timed = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = timed
    ? spawnSync(GNU_TIME, ['-f', 'PEAK_RSS_KB=%M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  const rss = /PEAK_RSS_KB=(\d+)/.exec(result.stderr ?? '');
  return { seconds, peakRssMiB: rss ? Number(rss[1]) / 1024 : null };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function printTable(rows: readonly (readonly string[])[]): void {
  formatTable(rows).forEach((line) => console.log(line));
}

/** Env var naming a JSON-lines file where each benchmark also appends its measures, for `npm run bench`'s summary. */
export const SUMMARY_FILE_ENV = 'PYREL_BENCH_SUMMARY';

/** Prints a benchmark's measure/value/target rows and records them for the summary of `npm run bench`. */
export function reportMeasures(benchmark: string, rows: readonly (readonly [measure: string, value: string, target: string])[]): void {
  printTable([['measure', 'value', 'target'], ...rows]);
  const file = process.env[SUMMARY_FILE_ENV];
  if (file) appendFileSync(file, rows.map(([measure, value, target]) => `${JSON.stringify({ benchmark, measure, value, target })}\n`).join(''));
}
