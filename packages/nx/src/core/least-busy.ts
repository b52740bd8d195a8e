/**
 * Which of several servers takes the next request: the one with the fewest requests in flight;
 * among equals, the first after the one picked last (so an idle set is used in turn).
 */
export function leastBusy(inFlight: readonly number[], last: number): number {
  let best = -1;
  for (let step = 1; step <= inFlight.length; step += 1) {
    const candidate = (last + step) % inFlight.length;
    if (best === -1 || inFlight[candidate] < inFlight[best]) best = candidate;
  }
  return best;
}
