/**
 * The ids in an order where every id comes after the ids it depends on (dependencies outside
 * `ids` are ignored), keeping the given order among independent ones. A cycle cannot occur in an
 * Nx task graph; should one appear, its members follow in the given order.
 */
export function dependencyOrder(ids: readonly string[], dependenciesOf: (id: string) => readonly string[]): string[] {
  const members = new Set(ids);
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const order: string[] = [];
  const visit = (id: string) => {
    if (placed.has(id) || visiting.has(id)) return;
    visiting.add(id);
    for (const dependency of dependenciesOf(id)) if (members.has(dependency)) visit(dependency);
    visiting.delete(id);
    placed.add(id);
    order.push(id);
  };
  ids.forEach(visit);
  return order;
}
