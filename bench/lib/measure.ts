import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
