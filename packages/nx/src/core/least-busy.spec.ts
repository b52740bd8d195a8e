import { leastBusy } from './least-busy';

describe('leastBusy', () => {
  it('takes the server with the fewest requests in flight', () => {
    expect(leastBusy([2, 0, 1], 1)).toBe(1);
    expect(leastBusy([3, 2, 5, 2], 0)).toBe(1);
  });

  it('takes idle servers in turn, starting after the one picked last', () => {
    expect(leastBusy([0, 0, 0], -1)).toBe(0);
    expect(leastBusy([0, 0, 0], 0)).toBe(1);
    expect(leastBusy([0, 0, 0], 2)).toBe(0);
    expect(leastBusy([1, 0, 0], 1)).toBe(2);
  });

  it('spreads a burst evenly', () => {
    const inFlight = [0, 0, 0, 0];
    let last = -1;
    for (let request = 0; request < 10; request += 1) {
      last = leastBusy(inFlight, last);
      inFlight[last] += 1;
    }
    expect(inFlight).toEqual([3, 3, 2, 2]);
  });

  it('has one server to pick from when there is one', () => {
    expect(leastBusy([7], 0)).toBe(0);
  });
});
