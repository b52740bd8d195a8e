import type { DistributionFile } from '../core/distribution-files';
import { IndexConcurrency } from '../core/index-concurrency';
import { fetchProjectFiles } from './simple-api';

/** Reads what an index lists for a distribution (null: it does not know it). */
export type IndexFiles = (indexUrl: string, distribution: string) => Promise<DistributionFile[] | null>;

/** The page reads of one index: how many may run at once, how many do, and who waits. */
interface Lane {
  concurrency: IndexConcurrency;
  running: number;
  waiting: Array<() => void>;
}

/**
 * A reader of project pages that asks each page once, and each index at most `maxConcurrency` at
 * a time, fewer when its answers show it works through them one by one (IndexConcurrency): a
 * batch of publishes reads every project's page up front, then decides one by one.
 */
export function createIndexReader(maxConcurrency: number, readPage: IndexFiles = fetchProjectFiles, now: () => number = () => performance.now()): IndexFiles {
  const pages = new Map<string, Promise<DistributionFile[] | null>>();
  const lanes = new Map<string, Lane>();
  const laneOf = (indexUrl: string) => {
    let lane = lanes.get(indexUrl);
    if (!lane) {
      lane = { concurrency: new IndexConcurrency(maxConcurrency), running: 0, waiting: [] };
      lanes.set(indexUrl, lane);
    }
    return lane;
  };
  const read = async (lane: Lane, indexUrl: string, distribution: string) => {
    // A freed slot is handed to the first waiter (counted for it here), so reads start in the order asked.
    if (lane.running < lane.concurrency.limit) lane.running++;
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    const started = now();
    try {
      const files = await readPage(indexUrl, distribution);
      lane.concurrency.record(started, now());
      return files;
    } finally {
      lane.running--;
      // The limit may have grown by more than the one slot freed here.
      while (lane.running < lane.concurrency.limit && lane.waiting.length > 0) {
        lane.running++;
        lane.waiting.shift()?.();
      }
    }
  };
  return (indexUrl, distribution) => {
    const key = `${indexUrl}\n${distribution}`;
    let page = pages.get(key);
    if (!page) {
      page = read(laneOf(indexUrl), indexUrl, distribution);
      pages.set(key, page);
    }
    return page;
  };
}
