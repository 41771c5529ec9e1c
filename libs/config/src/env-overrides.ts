import { parse } from 'yaml';

/**
 * Overlays environment variables on a parsed config. `PREFIX` + the key in
 * UPPER_SNAKE_CASE sets a top-level key (SSS_OFFLINE_AFTER_SECONDS ->
 * offlineAfterSeconds); `__` descends into objects and list indexes
 * (SSS_SERVERS__0__SECRET -> servers[0].secret). Values stay strings: the
 * config reader converts and checks them (a list given whole, as in
 * SSS_SERVERS, is YAML or JSON text), so a bad variable is reported under the
 * key it sets.
 */
export function applyEnvOverrides(
  target: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  prefix: string,
  reserved: readonly string[],
): void {
  const names = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && !reserved.some((r) => name.startsWith(r)))
    .sort(); // whole-list variables (shorter names) apply before per-item ones
  for (const name of names) {
    const path = name.slice(prefix.length).split('__').map(toCamelCase);
    setPath(target, path, env[name] ?? '');
  }
}

function toCamelCase(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    // A whole list set by an earlier variable is text until something descends into it.
    if (typeof node[key] === 'string') node[key] = parse(node[key]);
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = /^\d+$/.test(path[i + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
}
