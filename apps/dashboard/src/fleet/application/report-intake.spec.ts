import { exampleServerInfo } from '@sss/contracts';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { FleetFeed } from './fleet-feed';
import type { CachedReport } from './ports/report-cache.port';
import { ReportIntake } from './report-intake';

/** A fresh intake over a real registry and the real report cache, and a way to read back what it stored. */
function setup() {
  const registry = new ServerRegistry<CachedReport>(30_000, { now: () => 1_000 });
  const cache = new ByteReportCache();
  const intake = new ReportIntake(registry, cache);
  const feed = new FleetFeed(registry, cache);
  /** The stored report as text: the frontend message without the two fields the dashboard adds. */
  const stored = (id: string) => {
    const state = registry.get(id);
    return (
      state &&
      Buffer.from(feed.message(state))
        .toString()
        .replace(/,"online":(true|false),"lastSeen":\d+\}$/, '}')
    );
  };
  return { registry, intake, stored };
}

const compact = JSON.stringify(exampleServerInfo());

describe('ReportIntake', () => {
  it("keeps the agent's own text when it is exactly the validated report", () => {
    const { intake, stored } = setup();
    expect(intake.accept({ id: 'web-1' }, compact, true)).toEqual({ kind: 'accepted' });
    expect(stored('web-1')).toBe(compact);
  });

  it('stores the normalised report when keys were dropped or repeated, or text surrounds the object', () => {
    const { intake, stored } = setup();
    // Stored verbatim, the last two would break the cache's contract (compact JSON of an object) and throw.
    for (const text of [
      compact.replace('"cpu":{', '"cpu":{"temperature":80,'),
      compact.replace('{', '{"serverName":"first",'),
      `${compact}\n`,
      ` ${compact}`,
    ]) {
      expect(intake.accept({ id: 'web-1' }, text, true)).toEqual({ kind: 'accepted' });
      expect(JSON.parse(stored('web-1')!)).toEqual(exampleServerInfo());
      expect(stored('web-1')!.split('"serverName"')).toHaveLength(2); // once
      expect(stored('web-1')).not.toMatch(/temperature|first|\n|^ /);
    }
  });

  it('stores what config names, over the agent, and only then', () => {
    const { intake, stored } = setup();
    intake.accept({ id: 'web-1', name: 'Configured', group: 'production', countryCode: 'DE' }, compact, true);
    expect(JSON.parse(stored('web-1')!)).toEqual({ ...exampleServerInfo(), serverName: 'Configured', countryCode: 'DE' });
    intake.accept({ id: 'web-1', name: exampleServerInfo().serverName }, compact, true);
    expect(stored('web-1')).toBe(compact);
  });

  it('refuses an invalid report or another server id and stores nothing', () => {
    const { intake, registry } = setup();
    expect(intake.accept({ id: 'db-1' }, '{"serverId":', true)).toMatchObject({ kind: 'invalid' });
    expect(intake.accept({ id: 'db-1' }, compact, true)).toEqual({ kind: 'id-mismatch', bodyId: 'web-1' });
    expect(registry.get('db-1')).toBeUndefined();
  });
});
