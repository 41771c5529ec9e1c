import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv6 } from 'node:net';

/**
 * The real client address of a request or upgrade, for logs and the
 * per-address limits. Without `trustProxy` it is the peer's address, and
 * X-Forwarded-For is ignored (anyone can send it). With it, the
 * X-Forwarded-For chain is read from the right, skipping the trusted proxies:
 * the first address not trusted is the client (what express's `trust proxy`
 * does for `req.ip`, set from `trusts` at start).
 */
export class ClientAddress {
  private readonly proxies = new BlockList();
  private readonly any: boolean;

  /** `trustProxy`: IP addresses and CIDR ranges, as validated by the config. */
  constructor(trustProxy: readonly string[]) {
    this.any = trustProxy.length > 0;
    for (const entry of trustProxy) {
      const [address, bits] = entry.split('/');
      const type = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.proxies.addAddress(address, type);
      else this.proxies.addSubnet(address, Number(bits), type);
    }
  }

  of(req: IncomingMessage): string {
    const peer = req.socket.remoteAddress ?? 'unknown';
    if (!this.any || !this.trusts(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const chain = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => hop.trim());
    let client = peer;
    for (let i = chain.length - 1; i >= 0 && this.trusts(client); i--) {
      if (chain[i] === '') break; // no (or an empty) header: the proxy is the client
      client = chain[i];
    }
    return client;
  }

  /** Whether `address` is one of the configured proxies (IPv4-mapped IPv6 counts as its IPv4 address). */
  trusts(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const plain = mapped ? mapped[1] : address;
    try {
      return this.proxies.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
    } catch {
      return false; // not an IP address (a forged hop like "unknown")
    }
  }
}
