import { isIP } from 'node:net';
import type { Log } from '@sss/log';

/** Asks the user's lookup URL for this host's public IP (plain text); undefined on any failure. */
export async function lookupPublicIp(url: string, log: Log): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const ip = (await res.text()).trim();
    if (res.ok && isIP(ip)) return ip;
    log.warn('ip lookup gave no IP address', { url, status: res.status });
  } catch (err) {
    log.warn('ip lookup failed', { url, error: String(err) });
  }
  return undefined;
}
