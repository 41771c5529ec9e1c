/**
 * The URL as it may be logged: a password in it (`ws://user:pass@host`) shows
 * as `***`. Text that is not a URL is returned as it is (config validation
 * has refused it already).
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.href;
  } catch {
    return url;
  }
}
