import type { IncomingMessage } from 'node:http';
import { ClientAddress } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('ClientAddress', () => {
  const behind = new ClientAddress(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('is the peer, whatever X-Forwarded-For says, without trustProxy', () => {
    expect(new ClientAddress([]).of(request('198.51.100.1', '203.0.113.9'))).toBe('198.51.100.1');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(behind.of(request('198.51.100.1', '203.0.113.9'))).toBe('198.51.100.1');
  });

  it('reads the chain from the right, skipping trusted proxies, to the first address not trusted', () => {
    expect(behind.of(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(behind.of(request('127.0.0.1', '192.0.2.1, 203.0.113.9, 10.1.2.3'))).toBe('203.0.113.9'); // the forged first hop is not believed
    expect(behind.of(request('::ffff:127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(behind.of(request('fd00::5', '2001:db8::7'))).toBe('2001:db8::7');
  });

  it('is the last trusted hop when every hop is trusted, and the proxy when it sends no header', () => {
    expect(behind.of(request('127.0.0.1', '10.0.0.9, 10.0.0.8'))).toBe('10.0.0.9');
    expect(behind.of(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(behind.of(request('127.0.0.1', ''))).toBe('127.0.0.1');
  });

  it('trusts no hop that is not an address', () => {
    expect(behind.of(request('127.0.0.1', 'unknown'))).toBe('unknown');
    expect(behind.trusts('unknown')).toBe(false);
  });
});
