import { TestBed } from '@angular/core/testing';
import type { ServerUpdate } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { CardDetailsComponent } from './card-details.component';

/** A report of protocol 1.0: none of the optional fields. */
const OLD: ServerUpdate = {
  serverId: 'web-1',
  serverName: 'Web Tokyo',
  cpu: { percent: 12, cores: 8, modelName: 'x' },
  memory: { total: 100, used: 40, available: 60, usedPercent: 40 },
  disk: [{ path: '/', total: 100, used: 10, free: 90, usedPercent: 10, readSpeed: 0, writeSpeed: 0 }],
  network: { interfaceName: 'eth0', bytesSent: 0, bytesRecv: 0, inSpeed: 0, outSpeed: 0 },
  system: { hostname: 'web-1', os: 'linux', platform: 'debian', arch: 'amd64', kernel: '6', uptime: 18 * 86_400 + 6 * 3_600 + 32 * 60 },
  timestamp: 1,
  online: true,
  lastSeen: Date.now(),
};

/** The same host through an agent of protocol 1.1. */
const NEW: ServerUpdate = {
  ...OLD,
  load: { load1: 1.5, load5: 0.75, load15: 0.333 },
  swap: { total: 8 * 2 ** 30, used: 2 ** 30, usedPercent: 12.5 },
  processes: 312,
  connections: { tcp: 120, udp: 4 },
  temperatures: [
    { sensor: 'acpitz/temp1', celsius: 41 },
    { sensor: 'coretemp/Package id 0', celsius: 71.6 },
  ],
};

function render(server: ServerUpdate) {
  const fixture = TestBed.createComponent(CardDetailsComponent);
  fixture.componentRef.setInput('server', server);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const text = (selector: string) => element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const vitals = () => Array.from(element.querySelectorAll('.vitals > span'), (span) => span.textContent.trim());
  return { fixture, element, text, vitals };
}

describe('CardDetailsComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.inject(I18n).lang.set('en');
  });

  it("shows a 1.1 report's load, swap and hottest sensor on one line, with the details in titles", () => {
    const card = render(NEW);
    expect(card.vitals()).toEqual(['Load 1.50', 'Swap 13%', 'Hottest sensor: coretemp/Package id 0 72 °C']); // the sensor for screen readers
    const [load, swap, hottest] = Array.from(card.element.querySelectorAll('.vitals > span'));
    expect(load.getAttribute('title')).toBe('Load average over 1, 5 and 15 minutes: 1.50 0.75 0.33');
    expect(swap.getAttribute('title')).toBe('1.0 GB / 8.0 GB');
    expect(hottest.getAttribute('title')).toBe('Hottest sensor: coretemp/Package id 0');
  });

  it('keeps the same elements, the line empty, for a report without the 1.1 fields', () => {
    const old = render(OLD);
    const fresh = render(NEW);
    expect(old.element.querySelector('.vitals')?.children.length).toBe(0);
    const shape = (element: HTMLElement) => Array.from(element.children).map((child) => child.tagName + '.' + child.className);
    expect(shape(old.element)).toEqual(shape(fresh.element));
  });

  it('shows each 1.1 reading on its own when the agent could read only some', () => {
    const card = render({ ...OLD, temperatures: [{ sensor: 'outdoor', celsius: -0.4 }] });
    expect(card.vitals()).toEqual(['Hottest sensor: outdoor 0 °C']);
    expect(render({ ...OLD, load: NEW.load }).vitals()).toEqual(['Load 1.50']);
  });

  it('writes the uptime in the page language', () => {
    const card = render(NEW);
    expect(card.text('footer span')).toBe('Uptime 18d 6h 32m');
    TestBed.inject(I18n).lang.set('zh-CN');
    card.fixture.detectChanges();
    expect(card.text('footer span')).toBe('运行时间 18天 6小时 32分钟');
    expect(card.vitals()).toEqual(['负载 1.50', '交换 13%', '最高温度：coretemp/Package id 0 72 °C']);
  });
});
