/** `ids` with the one at `index` moved `by` places (-1: up), or undefined when that leaves the list. */
export function moved(ids: readonly string[], index: number, by: number): string[] | undefined {
  const to = index + by;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return undefined;
  const next = [...ids];
  const [id] = next.splice(index, 1);
  next.splice(to, 0, id);
  return next;
}
