/** Doubling the requests in flight must read pages at least this much faster to be kept. */
export const GAIN = 1.25;
/** Rounds at a settled limit before trying twice as many requests again (conditions change). */
export const PATIENCE = 10;
/** Answers a limit is judged on at least: with four, one run in four on a busy 2-core machine took noise for a faster pace. */
export const JUDGED_ANSWERS = 8;

/**
 * How many page reads to keep in flight against one index, learned from how fast it answers.
 * An index bound by the round trip (a remote one) reads twice as many pages per second with twice
 * as many requests in flight; one bound by its own work (a pypiserver on this machine lists its
 * whole package directory for every page) reads no more, only slower: 200 pages 16 at a time
 * took it 3.6 s against 1.9 s one at a time.
 *
 * It works in rounds of as many answers as requests allowed (whole rounds up to JUDGED_ANSWERS
 * when judging), each timed from the end of the one before, so a round measures pages per unit
 * of time at its limit (the answers of a server working through requests one by one arrive one
 * work-time apart whatever the limit). The first round at a new limit only warms it up: it
 * carries the connections opened for it (a TLS handshake each, on a remote index) and, at the
 * start, the first request's cold server. Starting from one request, it doubles while a limit
 * reads pages at least GAIN times faster than the one before, otherwise goes back to the limit
 * that read them as fast; after PATIENCE rounds there it tries doubling again.
 */
export class IndexConcurrency {
  private current = 1;
  private roundStart: number | null = null;
  private answers = 0;
  private warming = true;
  private doubling = true;
  /** Pages per unit of time at `settled`, the limit doubling started from or went back to. */
  private settledRate = 0;
  private settled = 1;
  private roundsSettled = 0;

  constructor(private readonly max: number) {}

  get limit(): number {
    return this.current;
  }

  /** Records one answered page: when its request started and when the answer was read, on one clock. */
  record(startedAt: number, answeredAt: number): void {
    this.roundStart ??= startedAt;
    // Whole rounds of the limit, or the timing would mix two paces.
    const roundSize = this.warming ? this.current : this.current * Math.ceil(JUDGED_ANSWERS / this.current);
    if (++this.answers < roundSize) return;
    const elapsed = answeredAt - this.roundStart;
    const rate = elapsed > 0 ? this.answers / elapsed : Infinity;
    this.roundStart = answeredAt;
    this.answers = 0;
    if (this.warming) {
      this.warming = false;
      return;
    }
    if (this.doubling && this.current > this.settled && rate < this.settledRate * GAIN) {
      this.current = this.settled;
      this.doubling = false;
    } else if (this.doubling) {
      this.settled = this.current;
      this.settledRate = rate;
      this.current = Math.min(this.max, this.current * 2);
      this.doubling = this.current > this.settled;
      this.warming = this.doubling;
    } else {
      this.settledRate = rate;
      if (++this.roundsSettled >= PATIENCE && this.current < this.max) {
        this.roundsSettled = 0;
        this.current = Math.min(this.max, this.current * 2);
        this.doubling = true;
        this.warming = true;
      }
    }
  }
}
