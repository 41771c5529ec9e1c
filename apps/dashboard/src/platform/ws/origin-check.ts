import type { IncomingMessage } from 'node:http';
import type { UpgradeRefusal, UpgradeVerifier } from './upgrade-verifier';

const FORBIDDEN: UpgradeRefusal = { status: 403, reason: 'origin not allowed' };

/**
 * Refuses cross-site WebSocket hijacking (PROTOCOL.md section 2): a browser
 * always sends `Origin`, so an upgrade whose Origin is neither the dashboard's
 * own (the request's Host: same host and port, whatever the scheme a proxy
 * ended) nor one of `allowed` gets 403. Scripts that send no Origin pass.
 * `null` (sandboxed frames, file: pages) and look-alike hosts are refused.
 */
export function originCheck(allowed: readonly string[]): UpgradeVerifier {
  const origins = new Set(allowed);
  return (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (origins.has(origin.toLowerCase())) return undefined;
    return hostOf(origin) !== undefined && hostOf(origin) === req.headers.host?.toLowerCase() ? undefined : FORBIDDEN;
  };
}

/** The host[:port] of an http(s) origin as a Host header would carry it; undefined for anything else. */
function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) && url.origin === origin.toLowerCase() ? url.host : undefined;
  } catch {
    return undefined;
  }
}
