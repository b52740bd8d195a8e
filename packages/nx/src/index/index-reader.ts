import type { DistributionFile } from '../core/distribution-files';
import { fetchProjectFiles } from './simple-api';

/**
 * A reader of project pages that asks each page once and at most `concurrency` at a time: a
 * batch of publishes reads every project's page up front, concurrently, then decides one by one.
 */
export function createIndexReader(concurrency: number): (indexUrl: string, distribution: string) => Promise<DistributionFile[] | null> {
  const pages = new Map<string, Promise<DistributionFile[] | null>>();
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    while (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return (indexUrl, distribution) => {
    const key = `${indexUrl}\n${distribution}`;
    let page = pages.get(key);
    if (!page) {
      page = slot().then(() => fetchProjectFiles(indexUrl, distribution).finally(release));
      pages.set(key, page);
    }
    return page;
  };
}
