import '../core/testing/match-media';
import { TestBed } from '@angular/core/testing';
import type { ServerDetailResponse, ServerUpdate } from '@sss/contracts/constants';
import { SNAPSHOT_REQUEST, SOCKET_FACTORY } from '../core/fleet-connection.service';
import { I18n } from '../i18n/i18n.service';
import { ServerDetailComponent } from './server-detail.component';

/** A report of protocol 1.0: none of the optional fields. */
const OLD: ServerUpdate = {
  serverId: 'web-1',
  serverName: 'Web Tokyo',
  cpu: { percent: 12, cores: 8, modelName: 'EPYC' },
  memory: { total: 100, used: 40, available: 60, usedPercent: 40 },
  disk: [{ path: '/', total: 100, used: 10, free: 90, usedPercent: 10, readSpeed: 0, writeSpeed: 0 }],
  network: { interfaceName: 'eth0', bytesSent: 5, bytesRecv: 6, inSpeed: 0, outSpeed: 0 },
  system: { hostname: 'web-1', os: 'linux', platform: 'debian', arch: 'amd64', kernel: '6', uptime: 2 * 86_400 + 3_600 },
  timestamp: 1,
  online: true,
  lastSeen: Date.now(),
};

const NEW: ServerUpdate = {
  ...OLD,
  cpu: { ...OLD.cpu, iowait: 3.25, steal: 0 },
  load: { load1: 1.5, load5: 0.75, load15: 0.25 },
  swap: { total: 8 * 2 ** 30, used: 2 ** 30, usedPercent: 12.5 },
  processes: 312,
  connections: { tcp: 12_000, udp: 4 },
  temperatures: [
    { sensor: 'coretemp/Package id 0', celsius: 71.6 },
    { sensor: 'acpitz/temp1', celsius: -2 },
  ],
  network: {
    ...OLD.network,
    interfaces: [
      { name: 'eth0', bytesSent: 3, bytesRecv: 4, inSpeed: 2048, outSpeed: 1024 },
      { name: 'wg0', bytesSent: 2, bytesRecv: 2, inSpeed: 0, outSpeed: 0 },
    ],
  },
  gpu: [
    { name: 'NVIDIA A100', utilPercent: 97, memoryTotal: 40 * 2 ** 30, memoryUsed: 10 * 2 ** 30, celsius: 66 },
    { name: 'Radeon', utilPercent: 3, memoryTotal: 2 ** 30, memoryUsed: 0 },
  ],
};

/** The parts of a WebSocket FleetConnection uses; it never opens, so the page shows what GET /api/servers/:id answers. */
class FakeSocket {
  onopen = null;
  onmessage = null;
  onclose = null;
  close() {}
}

async function render(latest: ServerUpdate) {
  const detail: ServerDetailResponse = {
    serverId: latest.serverId,
    name: latest.serverName,
    online: true,
    lastSeen: latest.lastSeen,
    latest,
  };
  // The page's own request answers the report; its history and events requests fail (those blocks say so).
  globalThis.fetch = ((url: string) =>
    Promise.resolve(
      url === '/api/servers/web-1' ? { ok: true, status: 200, json: () => Promise.resolve(detail) } : { ok: false, status: 503 },
    )) as unknown as typeof fetch;
  const fixture = TestBed.createComponent(ServerDetailComponent);
  fixture.componentRef.setInput('id', 'web-1');
  const element = fixture.nativeElement as HTMLElement;
  for (let turn = 0; turn < 100 && !element.querySelector('h1'); turn++) {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
  }
  fixture.detectChanges();
  const text = (node: Element) => node.textContent.replace(/\s+/g, ' ').trim();
  /** A panel's rows: a table's cells, or a list's term and value, joined by ` | `. */
  const rows = (panel: string) =>
    Array.from(element.querySelectorAll(`[data-panel=${panel}] tr, [data-panel=${panel}] dt`), (row) =>
      row.tagName === 'DT' ? `${text(row)} | ${text(row.nextElementSibling!)}` : Array.from(row.children, text).join(' | '),
    );
  return { fixture, element, rows };
}

describe('ServerDetailComponent', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        { provide: SOCKET_FACTORY, useValue: () => new FakeSocket() },
        { provide: SNAPSHOT_REQUEST, useValue: () => new Promise<never>(() => undefined) },
      ],
    });
    TestBed.inject(I18n).lang.set('en');
  });
  afterEach(() => (globalThis.fetch = realFetch));

  it('shows the load and activity readings, every sensor, every interface and every GPU of a 1.1 report', async () => {
    const page = await render(NEW);
    expect(page.element.querySelector('h1')?.textContent).toBe('Web Tokyo');
    expect(page.rows('activity')).toEqual([
      'Load (1, 5, 15 min) | 1.50 · 0.75 · 0.25',
      'Swap | 1.0 GB / 8.0 GB (12.5%)',
      'Processes | 312',
      'TCP connections | 12,000',
      'UDP sockets | 4',
      'I/O wait | 3.3%',
      'Steal | 0.0%',
    ]);
    expect(page.rows('temperatures')).toEqual(['Sensor | Temperature', 'coretemp/Package id 0 | 72 °C', 'acpitz/temp1 | -2 °C']);
    expect(page.rows('interfaces')).toEqual([
      'Interface | Network in | Network out | Received (total) | Sent (total)',
      'eth0 | 2.0 KB/s | 1.0 KB/s | 4 B | 3 B',
      'wg0 | 0 B/s | 0 B/s | 2 B | 2 B',
    ]);
    expect(page.rows('gpus')[0]).toBe('# | Name | Utilisation | Memory | Temperature');
    const gpus = Array.from(page.element.querySelectorAll('[data-panel=gpus] tbody tr'), (row) => ({
      cells: [row.children[0], row.children[1], row.children[4]].map((cell) => cell.textContent.trim()),
      meters: Array.from(
        row.querySelectorAll('[role=meter]'),
        (m) => `${m.getAttribute('aria-label')} ${m.getAttribute('aria-valuetext')}`,
      ),
      memory: row.querySelector('td:nth-child(4) .detail')?.textContent,
    }));
    expect(gpus).toEqual([
      { cells: ['0', 'NVIDIA A100', '66 °C'], meters: ['GPU 0 97%, critical', 'Memory 25%'], memory: '10.0 GB / 40.0 GB' },
      { cells: ['1', 'Radeon', '–'], meters: ['GPU 1 3%', 'Memory 0%'], memory: '0 B / 1.0 GB' },
    ]);
  });

  it('renders a report without the 1.1 fields as before: none of their blocks, no empty frames', async () => {
    const page = await render(OLD);
    expect(page.element.querySelector('h1')?.textContent).toBe('Web Tokyo');
    expect(page.element.querySelectorAll('[data-panel]').length).toBe(0);
    const headings = Array.from(page.element.querySelectorAll('.values h2'), (h) => h.textContent);
    expect(headings).toEqual(['Server', 'System', 'Network', 'Disks']);
  });

  it('writes durations in the page language', async () => {
    TestBed.inject(I18n).lang.set('zh-CN');
    const page = await render(NEW);
    const uptime = Array.from(page.element.querySelectorAll('dt')).find((dt) => dt.textContent === '运行时间');
    expect(uptime?.nextElementSibling?.textContent).toBe('2天 1小时 0分钟');
    expect(page.rows('activity')[0]).toBe('负载（1、5、15 分钟） | 1.50 · 0.75 · 0.25');
  });
});
