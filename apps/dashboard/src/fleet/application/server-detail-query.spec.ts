import { exampleServerInfo } from '@sss/contracts';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { CatalogQuery } from './catalog-query';
import { FleetFeed } from './fleet-feed';
import type { CachedReport } from './ports/report-cache.port';
import { ReportIntake } from './report-intake';
import { ServerDetailQuery } from './server-detail-query';

function setup() {
  let now = 1_750_000_000_000;
  const catalog = new ConfigServerCatalog([
    { id: 'web-1', secret: 'a', name: 'Web one', group: 'Frankfurt', countryCode: 'DE' },
    { id: 'db-1', secret: 'b' },
  ]);
  const registry = new ServerRegistry<CachedReport>(30_000, { now: () => now });
  const cache = new ByteReportCache();
  const intake = new ReportIntake(registry, cache);
  const feed = new FleetFeed(registry, cache);
  return {
    detail: new ServerDetailQuery(catalog, registry, feed),
    catalog: new CatalogQuery(catalog, registry),
    report: (id: string) =>
      intake.accept(catalog.get(id)!, JSON.stringify(exampleServerInfo({ serverId: id, serverName: `agent ${id}` })), true),
    registry,
    at: () => now,
    advance: (ms: number) => (now += ms),
  };
}

describe('ServerDetailQuery', () => {
  it('gives a configured server that never reported as offline, never seen, without a report', () => {
    const { detail } = setup();
    expect(detail.detail('db-1')).toEqual({ serverId: 'db-1', name: 'db-1', online: false, lastSeen: null, latest: null });
  });

  it("gives a reporting server's latest report exactly as /ws-frontend has it, and its configured name", () => {
    const { detail, report, at, registry } = setup();
    expect(report('web-1')).toEqual({ kind: 'accepted' });
    const answer = detail.detail('web-1')!;
    expect(answer).toMatchObject({ serverId: 'web-1', name: 'Web one', online: true, lastSeen: at() });
    expect(answer.latest).toMatchObject({ serverId: 'web-1', serverName: 'Web one', group: 'Frankfurt', online: true, lastSeen: at() });
    registry.disconnected('web-1');
    expect(detail.detail('web-1')).toMatchObject({ online: false, latest: { online: false } });
  });

  it("names an unnamed server by its agent's name, and knows nothing of unconfigured ids", () => {
    const { detail, report } = setup();
    report('db-1');
    expect(detail.detail('db-1')!.name).toBe('agent db-1');
    expect(detail.detail('nobody')).toBeUndefined();
  });
});

describe('CatalogQuery', () => {
  it('lists every configured server in config order, reported or not, with lastSeen and no secret', () => {
    const { catalog, report, at, advance } = setup();
    report('db-1');
    const seen = at();
    advance(5_000);
    expect(catalog.list()).toEqual([
      { serverId: 'web-1', name: 'Web one', group: 'Frankfurt', countryCode: 'DE', weight: 0, lastSeen: null },
      { serverId: 'db-1', name: 'db-1', weight: 0, lastSeen: seen },
    ]);
  });
});
