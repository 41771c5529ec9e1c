/** `ids` with the one at `index` moved `by` places (-1: up), or undefined when that leaves the list. */
export function moved(ids: readonly string[], index: number, by: number): string[] | undefined {
  const to = index + by;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return undefined;
  const next = [...ids];
  const [id] = next.splice(index, 1);
  next.splice(to, 0, id);
  return next;
}

/**
 * The groups as the board orders them: the stored order first, then every
 * other group a server has, by name. Moving one saves this whole list.
 */
export function groupsInOrder(order: readonly string[], servers: readonly { group?: string }[]): string[] {
  const listed = new Set(order);
  const others = new Set<string>();
  for (const { group } of servers) if (group && !listed.has(group)) others.add(group);
  return [...order, ...[...others].sort((a, b) => a.localeCompare(b))];
}
