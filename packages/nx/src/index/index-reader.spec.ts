import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIndexReader } from './index-reader';

/** A page reader whose reads stay open until answered, on a clock the test moves. */
function heldReads() {
  const open: Array<{ url: string; name: string; answer: (files: null | Error) => void }> = [];
  const requested: string[] = [];
  const inFlight = new Map<string, number>();
  const mostInFlight = new Map<string, number>();
  let clock = 0;
  const readPage = (url: string, name: string) =>
    new Promise<null>((resolve, reject) => {
      requested.push(name);
      inFlight.set(url, (inFlight.get(url) ?? 0) + 1);
      mostInFlight.set(url, Math.max(mostInFlight.get(url) ?? 0, inFlight.get(url) as number));
      open.push({ url, name, answer: (result) => (inFlight.set(url, (inFlight.get(url) as number) - 1), result instanceof Error ? reject(result) : resolve(result)) });
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    readPage,
    now: () => clock,
    open,
    requested,
    mostInFlight,
    /** Answers the reads open now after `latency`, then lets the reader start the next ones. */
    async answerOpen(latency: number, url?: string) {
      clock += latency;
      for (const read of open.filter((r) => url === undefined || r.url === url)) {
        open.splice(open.indexOf(read), 1);
        read.answer(null);
      }
      await settle();
    },
    /** Answers every read in rounds, each after `latency(reads open)`; returns how many were open per round, each stretch of equal counts once. */
    async answerInRounds(latency: (open: number) => number): Promise<number[]> {
      await settle();
      const perRound: number[] = [];
      while (open.length > 0) {
        perRound.push(open.length);
        await this.answerOpen(latency(open.length));
      }
      return perRound.filter((count, i) => count !== perRound[i - 1]);
    },
    settle,
  };
}

describe('createIndexReader', () => {
  it('asks each page once', async () => {
    const reads = heldReads();
    const read = createIndexReader(4, reads.readPage, reads.now);
    const pages = ['a', 'b', 'a', 'c', 'b'].map((name) => read('https://index/simple/', name));
    await reads.answerInRounds(() => 10);
    await expect(Promise.all(pages)).resolves.toEqual([null, null, null, null, null]);
    expect(reads.requested).toEqual(['a', 'b', 'c']);
  });

  it('starts with one read and doubles while the index answers as fast, never above the maximum', async () => {
    const reads = heldReads();
    const read = createIndexReader(4, reads.readPage, reads.now);
    const pages = Array.from({ length: 35 }, (_, i) => read('https://index/simple/', `p${i}`));
    expect(await reads.answerInRounds(() => 50)).toEqual([1, 2, 4]);
    await Promise.all(pages);
    expect(reads.mostInFlight.get('https://index/simple/')).toBe(4);
  });

  it('reads one page at a time from an index that answers more slowly the more it is asked', async () => {
    const reads = heldReads();
    const read = createIndexReader(16, reads.readPage, reads.now);
    const pages = Array.from({ length: 25 }, (_, i) => read('http://127.0.0.1:8080/simple/', `p${i}`));
    expect(await reads.answerInRounds((open) => 10 * open)).toEqual([1, 2, 1]);
    await Promise.all(pages);
  });

  it('keeps a separate limit per index', async () => {
    const reads = heldReads();
    const read = createIndexReader(8, reads.readPage, reads.now);
    const local = 'http://127.0.0.1:8080/simple/';
    const remote = 'https://pypi.org/simple/';
    const pages = Array.from({ length: 24 }, (_, i) => [read(local, `p${i}`), read(remote, `p${i}`)]).flat();
    await reads.settle();
    // The remote index answers quickly first, so it grows; the local one is never answered yet.
    for (let round = 0; round < 14; round++) await reads.answerOpen(50, remote);
    expect(reads.open.filter((r) => r.url === remote)).toHaveLength(4);
    expect(reads.open.filter((r) => r.url === local)).toHaveLength(1);
    while (reads.open.length > 0) await reads.answerOpen(50);
    await Promise.all(pages);
    expect(reads.mostInFlight.get(remote)).toBe(4);
  });

  it('frees the slot of a read that failed', async () => {
    const reads = heldReads();
    const read = createIndexReader(4, reads.readPage, reads.now);
    const failing = read('https://index/simple/', 'broken');
    const next = read('https://index/simple/', 'fine');
    await reads.settle();
    reads.open.splice(0, 1)[0].answer(new Error('connection reset'));
    await expect(failing).rejects.toThrow('connection reset');
    await reads.settle();
    expect(reads.open.map((r) => r.name)).toEqual(['fine']);
    await reads.answerOpen(10);
    await expect(next).resolves.toBeNull();
  });

  it('reads real pages over HTTP by default', async () => {
    const server: Server = createServer((request, response) => {
      response.writeHead(request.url === '/simple/known/' ? 200 : 404, { 'content-type': 'text/html' });
      response.end('<a href="/packages/known-1.0.tar.gz#sha256=' + 'a'.repeat(64) + '">known-1.0.tar.gz</a>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;
      const read = createIndexReader(2);
      await expect(read(base, 'unknown')).resolves.toBeNull();
      await expect(read(base, 'known')).resolves.toEqual([expect.objectContaining({ filename: 'known-1.0.tar.gz', sha256: 'a'.repeat(64) })]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
