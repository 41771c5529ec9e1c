import { exampleServerInfo } from '../libs/contracts/src/example-server-info';

/**
 * A realistic ~2 KB report for one server, as text with the send time (Unix
 * seconds, sub-millisecond fraction) as its per-report value. Everything runs
 * on this host, so frontends compute latency against the same clock.
 */
export function reportFrameFactory(serverId: string): (sentAtMs: number) => string {
  const base = exampleServerInfo();
  const info: Record<string, unknown> = {
    ...base,
    serverId,
    serverName: `Bench server ${serverId}`,
    // Ten file systems bring the report to the issue's ~2 KB.
    disk: ['/', '/boot', '/home', '/var', '/var/log', '/var/lib/docker', '/srv/data', '/srv/backup', '/opt', '/mnt/archive'].map(
      (path) => ({ ...base.disk[0], path }),
    ),
  };
  delete info.timestamp;
  const prefix = JSON.stringify(info).slice(0, -1) + ',"timestamp":';
  return (sentAtMs) => `${prefix}${sentAtMs / 1000}}`;
}

const MARK = Buffer.from('"timestamp":');

/** The send time (ms) carried by a broadcast frame, read without parsing the whole JSON. */
export function sentAtOf(frame: Buffer): number {
  const at = frame.lastIndexOf(MARK);
  if (at < 0) return NaN;
  const start = at + MARK.length;
  let end = start;
  while (end < frame.length && frame[end] !== 0x2c /* , */ && frame[end] !== 0x7d /* } */) end++;
  return Number(frame.toString('latin1', start, end)) * 1000;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on this host. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
