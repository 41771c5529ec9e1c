import type { RunResult } from './run-scenario';

const COLUMNS: [string, (r: RunResult) => string][] = [
  ['target', (r) => r.target],
  ['history', (r) => r.history ?? '-'],
  ['agents', (r) => String(r.agents)],
  ['fe', (r) => String(r.frontends)],
  ['sent/s', (r) => r.sentPerSec.toFixed(0)],
  ['accepted/s', (r) => r.acceptedPerSec.toFixed(0)],
  ['delivered', (r) => `${r.deliveredPercent.toFixed(2)}%`],
  ['fe MB/s', (r) => r.frontendMBps.toFixed(2)],
  ['p50 ms', (r) => r.p50Ms.toFixed(2)],
  ['p99 ms', (r) => r.p99Ms.toFixed(2)],
  ['p99.9 ms', (r) => r.p999Ms.toFixed(2)],
  ['max ms', (r) => r.maxMs.toFixed(1)],
  ['CPU %', (r) => r.cpuPercent.toFixed(1)],
  ['main CPU %', (r) => r.mainCpuPercent.toFixed(1)],
  ['RSS avg MB', (r) => r.rssAvgMb.toFixed(0)],
  ['RSS max MB', (r) => r.rssMaxMb.toFixed(0)],
  ['errors', (r) => String(r.errors)],
  ['closes', (r) => String(r.unexpectedCloses)],
];

export function printComparison(results: RunResult[]): void {
  printTable(
    COLUMNS.map(([h]) => h),
    results.map((r) => COLUMNS.map(([, f]) => f(r))),
  );
  const relay = results.find((r) => r.target === 'relay');
  if (!relay) return;
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
  for (const dash of results.filter((r) => r.target === 'dashboard')) {
    console.log(
      `dashboard/relay: throughput ${ratio(dash.acceptedPerSec, relay.acceptedPerSec)}, ` +
        `p99 ${ratio(dash.p99Ms, relay.p99Ms)}, RSS ${ratio(dash.rssMaxMb, relay.rssMaxMb)} (history ${dash.history ?? 'off'})`,
    );
  }
  console.log('');
}

export function printKnee(knees: Record<string, { knee: number }>): void {
  const rows = Object.entries(knees).map(([target, k]) => [target, String(k.knee)]);
  printTable(['target', 'knee (agents)'], rows);
  const relay = knees.relay;
  if (!relay || relay.knee === 0) return;
  for (const [name, k] of Object.entries(knees).filter(([name]) => name.startsWith('dashboard'))) {
    console.log(`${name} knee is ${((k.knee / relay.knee) * 100).toFixed(0)} % of the relay's`);
  }
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  rows.forEach((r) => console.log(line(r)));
}
