import { dependencyOrder } from './task-order';

describe('dependencyOrder', () => {
  const graph: Record<string, string[]> = { c: ['b'], b: ['a', 'outside'], a: [], d: [] };
  const deps = (id: string) => graph[id] ?? [];

  it('puts dependencies first and keeps the given order otherwise', () => {
    expect(dependencyOrder(['c', 'd', 'b', 'a'], deps)).toEqual(['a', 'b', 'c', 'd']);
    expect(dependencyOrder(['d', 'a'], deps)).toEqual(['d', 'a']);
  });

  it('ignores dependencies outside the set and survives a cycle', () => {
    expect(dependencyOrder(['b'], deps)).toEqual(['b']);
    const cyclic = (id: string) => (id === 'x' ? ['y'] : ['x']);
    expect(dependencyOrder(['x', 'y'], cyclic).sort()).toEqual(['x', 'y']);
  });
});
