import fc from 'fast-check';
import { IndexConcurrency, JUDGED_ANSWERS, PATIENCE } from './index-concurrency';

/** When the answer to a request started at `startedAt` arrives, given how many requests were open at the index then (this one included). */
type IndexModel = (startedAt: number, open: number) => number;

/**
 * Reads `pages` pages from a simulated index the way the reader does: it starts requests while
 * the limit allows, then records the next answer. Returns the limits it went through (each once
 * per stretch), the limit at the end and when the last page arrived.
 */
function simulate(concurrency: IndexConcurrency, pages: number, index: IndexModel): { limits: number[]; final: number; elapsed: number } {
  const open: Array<{ startedAt: number; answeredAt: number }> = [];
  const limits: number[] = [];
  let started = 0;
  let now = 0;
  while (started < pages || open.length > 0) {
    while (started < pages && open.length < concurrency.limit) {
      if (limits[limits.length - 1] !== concurrency.limit) limits.push(concurrency.limit);
      open.push({ startedAt: now, answeredAt: index(now, open.length + 1) });
      started++;
    }
    open.sort((a, b) => a.answeredAt - b.answeredAt);
    const answer = open.shift() as { startedAt: number; answeredAt: number };
    now = answer.answeredAt;
    concurrency.record(answer.startedAt, answer.answeredAt);
  }
  return { limits, final: concurrency.limit, elapsed: now };
}

/** A remote index: every answer one round trip away, however many are asked at once. */
const roundTrip = (ms: number): IndexModel => (startedAt) => startedAt + ms;

/** `workers` workers taking `ms` per page in arrival order, behind `latency` of round trip (half each way). */
function workers(count: number, ms: number, latency = 0): IndexModel {
  const freeAt = Array<number>(count).fill(0);
  return (startedAt) => {
    const worker = freeAt.indexOf(Math.min(...freeAt));
    freeAt[worker] = Math.max(startedAt + latency / 2, freeAt[worker]) + ms;
    return freeAt[worker] + latency / 2;
  };
}

describe('IndexConcurrency', () => {
  it('starts with one request at a time', () => {
    expect(new IndexConcurrency(16).limit).toBe(1);
  });

  it('doubles up to the maximum against an index bound by the round trip (a remote index)', () => {
    const { limits, elapsed } = simulate(new IndexConcurrency(16), 200, roundTrip(50));
    expect(limits).toEqual([1, 2, 4, 8, 16]);
    // 16 at a time from the start would take 13 round trips; learning costs 16 more.
    expect(elapsed).toBe(29 * 50);
  });

  it('stays at the maximum it is given, judged on whole rounds of it', () => {
    // 6 at a time reads 12 pages in two round trips; judged on 8 answers it would seem no faster than 4.
    expect(simulate(new IndexConcurrency(6), 100, roundTrip(50)).limits).toEqual([1, 2, 4, 6]);
  });

  it('goes back to one request against an index that works through requests one by one (a local pypiserver)', () => {
    const { limits, final } = simulate(new IndexConcurrency(16), 30, workers(1, 10));
    expect(limits).toEqual([1, 2, 1]);
    expect(final).toBe(1);
  });

  it('tries doubling again after PATIENCE rounds at the limit it went back to, and goes back again', () => {
    // Warm-up and judged answers at 1, at 2, PATIENCE rounds of JUDGED_ANSWERS at 1, the try at 2, then 1 again.
    const pages = 1 + JUDGED_ANSWERS + 2 + JUDGED_ANSWERS + JUDGED_ANSWERS * PATIENCE + 2 + JUDGED_ANSWERS + 2;
    expect(simulate(new IndexConcurrency(16), pages, workers(1, 10)).limits).toEqual([1, 2, 1, 2, 1]);
  });

  it('judges a new try against the pace of the latest rounds, not of the ones it settled on', () => {
    // One by one at 10 ms a page at first, then (another server took over) 50 ms a page however many at once.
    const early = workers(1, 10);
    const changing: IndexModel = (startedAt, open) => (startedAt < 300 ? early(startedAt, open) : startedAt + 50);
    expect(simulate(new IndexConcurrency(16), 300, changing).limits).toEqual([1, 2, 1, 2, 4, 8, 16]);
  });

  it('settles where more requests stop reading more pages (a server with four workers)', () => {
    const { limits, final } = simulate(new IndexConcurrency(16), 60, workers(4, 10));
    expect(limits).toEqual([1, 2, 4, 8, 4]);
    expect(final).toBe(4);
  });

  it('keeps doubling while it pays off against a remote index in front of a busy server', () => {
    // 50 ms of round trip to one worker taking 10 ms a page: up to 6 requests in flight keep it busy.
    const { limits, final } = simulate(new IndexConcurrency(16), 120, workers(1, 10, 50));
    expect(limits).toEqual([1, 2, 4, 8, 16, 8]);
    expect(final).toBe(8);
  });

  it('judges a limit after its first round, which opens its new connections (a TLS handshake each)', () => {
    // One connection is open already; a request beyond the open connections takes three round trips.
    let connections = 1;
    const withHandshakes: IndexModel = (startedAt, open) => {
      if (open <= connections) return startedAt + 50;
      connections = open;
      return startedAt + 150;
    };
    expect(simulate(new IndexConcurrency(16), 200, withHandshakes).limits).toEqual([1, 2, 4, 8, 16]);
  });

  it("does not take a cold first answer for the index's pace", () => {
    // The server's first page takes 40 ms (it loads its listing), every one after it 10 ms, one by one.
    const oneByOne = workers(1, 10);
    const coldFirst: IndexModel = (startedAt, open) => oneByOne(startedAt, open) + (startedAt === 0 && open === 1 ? 30 : 0);
    expect(simulate(new IndexConcurrency(16), 30, coldFirst).limits).toEqual([1, 2, 1]);
  });

  it('treats answers of no measurable time as unloaded', () => {
    expect(simulate(new IndexConcurrency(8), 100, roundTrip(0)).final).toBe(8);
  });

  it('keeps the limit between one and the maximum whatever the timings', () => {
    const timing = fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.array(timing, { maxLength: 300 }), (max, answers) => {
        const concurrency = new IndexConcurrency(max);
        for (const [startedAt, took] of answers) {
          concurrency.record(startedAt, startedAt + took);
          expect(Number.isInteger(concurrency.limit)).toBe(true);
          expect(concurrency.limit).toBeGreaterThanOrEqual(1);
          expect(concurrency.limit).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
