import type { ServerInfo } from '@sss/contracts';
import { exampleServerInfo } from '../../libs/contracts/src/example-server-info';

const GB = 1024 ** 3;

/** A small seeded generator (mulberry32): the same fleet on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One server's reports over time with readings that move the way real ones do: CPU and memory wander, each
 * disk fills slowly and reads and writes in bursts, network speeds vary and the byte counters grow with them.
 * Half the servers have a second disk. The numbers are what the history store quantises and packs, so their
 * variation is what decides the bytes a stored report takes.
 */
export class SyntheticServer {
  private readonly next: () => number;
  private readonly info: ServerInfo;
  private cpu: number;
  private memory: number;
  private netIn: number;
  private netOut: number;

  constructor(
    readonly id: string,
    index: number,
  ) {
    this.next = random(index + 1);
    const base = exampleServerInfo();
    const memoryTotal = (4 + Math.floor(this.next() * 4) * 4) * GB;
    const disks = index % 2 === 0 ? ['/'] : ['/', '/data'];
    this.info = {
      ...base,
      serverId: id,
      serverName: `History bench ${id}`,
      memory: { total: memoryTotal, used: 0, available: 0, usedPercent: 0 },
      disk: disks.map((path) => {
        const total = (path === '/' ? 100 : 1000) * GB;
        const used = Math.floor(total * (0.2 + this.next() * 0.5));
        return { path, total, used, free: total - used, usedPercent: 0, readSpeed: 0, writeSpeed: 0 };
      }),
      network: { ...base.network, bytesSent: Math.floor(this.next() * 1e12), bytesRecv: Math.floor(this.next() * 1e12) },
    };
    this.cpu = 5 + this.next() * 30;
    this.memory = memoryTotal * (0.3 + this.next() * 0.4);
    this.netIn = 50_000 + this.next() * 500_000;
    this.netOut = 20_000 + this.next() * 200_000;
  }

  /** The report taken at `at` (Unix ms), `intervalMs` after the previous one. */
  report(at: number, intervalMs: number): ServerInfo {
    const r = this.next;
    const seconds = intervalMs / 1000;
    this.cpu = clamp(this.cpu + (r() - 0.5) * 8 + (r() < 0.02 ? 40 : 0), 0.5, 100);
    this.memory = clamp(
      this.memory + (r() - 0.5) * 0.01 * this.info.memory.total,
      0.1 * this.info.memory.total,
      0.95 * this.info.memory.total,
    );
    this.netIn = clamp(this.netIn * (0.8 + r() * 0.4), 1_000, 100_000_000);
    this.netOut = clamp(this.netOut * (0.8 + r() * 0.4), 1_000, 100_000_000);
    const { memory, network } = this.info;
    memory.used = Math.round(this.memory);
    memory.available = memory.total - memory.used;
    memory.usedPercent = round2((memory.used / memory.total) * 100);
    for (const disk of this.info.disk) {
      disk.used = Math.min(disk.total, disk.used + Math.floor(r() * 64 * 1024 * seconds));
      disk.free = disk.total - disk.used;
      disk.usedPercent = round2((disk.used / disk.total) * 100);
      disk.readSpeed = r() < 0.7 ? Math.floor(r() * 8_192) : Math.floor(r() * 50_000_000);
      disk.writeSpeed = r() < 0.5 ? Math.floor(r() * 65_536) : Math.floor(r() * 20_000_000);
    }
    network.inSpeed = Math.round(this.netIn);
    network.outSpeed = Math.round(this.netOut);
    network.bytesRecv += Math.round(this.netIn * seconds);
    network.bytesSent += Math.round(this.netOut * seconds);
    this.info.cpu = { ...this.info.cpu, percent: round2(this.cpu) };
    this.info.timestamp = at / 1000;
    return this.info;
  }
}

/** `count` servers named s0, s1, ... */
export function syntheticFleet(count: number): SyntheticServer[] {
  return Array.from({ length: count }, (_, i) => new SyntheticServer(`s${i}`, i));
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
