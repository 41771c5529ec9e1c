/**
 * `read`'s answer shared by every collect() of one scrape: prom-client calls
 * every metric's collect() in the same turn of the event loop, so a value kept
 * until the next turn is read once per scrape and never served to the next one.
 */
export function perScrape<T>(read: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    if (!cached) {
      cached = { value: read() };
      setImmediate(() => (cached = undefined));
    }
    return cached.value;
  };
}
