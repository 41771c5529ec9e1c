/**
 * The known key a mistyped one most likely meant, or undefined when none is
 * close. Case, `-` and `_` are ignored (`interval_seconds` -> `intervalSeconds`);
 * a shortened key matches the key it starts (`interval` -> `intervalSeconds`);
 * otherwise the nearest by edit distance, if at most about a third of it is wrong
 * (`prot` -> `port`). Ties go to the key listed first.
 */
export function closestKey(given: string, known: readonly string[]): string | undefined {
  const g = normalize(given);
  if (!g) return undefined;
  const candidates = known.map((key) => ({ key, k: normalize(key) }));
  const same = candidates.find(({ k }) => k === g);
  if (same) return same.key;
  const started = candidates.filter(({ k }) => g.length >= 3 && k.startsWith(g)).sort((a, b) => a.k.length - b.k.length);
  if (started.length) return started[0].key;
  const maxDistance = Math.max(1, Math.floor(g.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const { key, k } of candidates) {
    const distance = editDistance(g, k);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
