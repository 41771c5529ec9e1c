import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, HostTree } from '../../../../test/agent/support/host-tree';
import { countSockets, STATE_OFFSET, type SocketTable } from './socket-count';

const net = join(FIXTURES, 'kvm-guest/proc/net');
const tcp = (path: string): SocketTable => ({ path, stateOffset: STATE_OFFSET.ipv4, skipListening: true });
const tcp6 = (path: string): SocketTable => ({ path, stateOffset: STATE_OFFSET.ipv6, skipListening: true });
const udp = (path: string): SocketTable => ({ path, stateOffset: STATE_OFFSET.ipv4, skipListening: false });

/** A /proc/net/tcp row as the kernel writes it (`%4d:`; wider past 9999). */
function tcpRow(slot: number, state: string): string {
  const port = (slot % 65536).toString(16).toUpperCase().padStart(4, '0');
  return `${String(slot).padStart(4)}: 0A00000F:${port} 0A000001:01BB ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${30000 + slot} 1 0000000000000000 20 4 30 10 -1\n`;
}

describe('countSockets', () => {
  const buffer = Buffer.alloc(64 * 1024);

  it('counts TCP rows in every state but LISTEN, IPv4 and IPv6, and every UDP row', async () => {
    expect(await countSockets(tcp(join(net, 'tcp')), buffer)).toBe(2); // ESTABLISHED, TIME_WAIT; two listeners left out
    expect(await countSockets(tcp6(join(net, 'tcp6')), buffer)).toBe(1);
    expect(await countSockets(udp(join(net, 'udp')), buffer)).toBe(2);
    expect(await countSockets(udp(join(FIXTURES, 'bare-metal/proc/net/udp')), buffer)).toBe(0); // the header alone
  });

  it('finds the state column at its offset in the real formats', () => {
    for (const [file, offset] of [
      ['tcp', STATE_OFFSET.ipv4],
      ['tcp6', STATE_OFFSET.ipv6],
    ] as const) {
      const row = readFileSync(join(net, file), 'utf8').split('\n')[1];
      expect(row.slice(row.indexOf(':') + offset, row.indexOf(':') + offset + 2)).toBe('0A');
    }
  });

  it('gives undefined for a table that does not exist (IPv6 disabled)', async () => {
    expect(await countSockets(tcp6(join(FIXTURES, 'bare-metal/proc/net/tcp6')), buffer)).toBeUndefined();
  });

  it('counts rows cut by the end of a read, and a last row without a newline', async () => {
    const tree = new HostTree('bare-metal');
    const rows = Array.from({ length: 50 }, (_, i) => tcpRow(i, i % 5 === 0 ? '0A' : '01')).join('');
    tree.write('proc/net/tcp', `  sl  local_address rem_address   st\n${rows.trimEnd()}`);
    // 200 bytes: about one row per read, each cut somewhere else.
    expect(await countSockets(tcp(join(tree.root, 'proc/net/tcp')), Buffer.alloc(200))).toBe(40);
  });

  it('refuses a row longer than its buffer instead of miscounting', async () => {
    await expect(countSockets(tcp(join(net, 'tcp')), Buffer.alloc(64))).rejects.toThrow(/a row longer than 64 bytes/);
  });

  it('counts a host with 100,000 connections exactly, in a buffer it reuses (time: see README)', async () => {
    const tree = new HostTree('bare-metal');
    const listening = 1_000;
    const rows: string[] = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'];
    for (let i = 0; i < 100_000 + listening; i++) rows.push(tcpRow(i, i < listening ? '0A' : i % 3 ? '01' : '06'));
    tree.write('proc/net/tcp', rows.join(''));
    const started = performance.now();
    const count = await countSockets(tcp(join(tree.root, 'proc/net/tcp')), buffer);
    const ms = performance.now() - started;
    expect(count).toBe(100_000);
    // Printed, not asserted (no timed assertions): the figure README quotes.
    process.stdout.write(
      `countSockets: 100,000 connections (${(readFileSync(join(tree.root, 'proc/net/tcp')).length / 1e6).toFixed(1)} MB) in ${ms.toFixed(1)} ms\n`,
    );
  });
});
