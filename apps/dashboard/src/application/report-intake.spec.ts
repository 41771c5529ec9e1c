import { exampleServerInfo } from '@sss/contracts';
import { ServerRegistry } from '../domain/server-registry';
import { ReportIntake } from './report-intake';

describe('ReportIntake', () => {
  const registry = new ServerRegistry(30_000, { now: () => 1_000 });
  const intake = new ReportIntake(registry);
  const stored = (id: string) => registry.get(id)?.reportText();
  const compact = JSON.stringify(exampleServerInfo());

  it("keeps the agent's own text when it is exactly the validated report", () => {
    expect(intake.accept({ id: 'web-1' }, compact)).toEqual({ kind: 'accepted' });
    expect(stored('web-1')).toBe(compact);
  });

  it('stores the normalised report when keys were dropped or repeated, or text surrounds the object', () => {
    for (const text of [
      compact.replace('"cpu":{', '"cpu":{"temperature":80,'),
      compact.replace('{', '{"serverName":"first",'),
      `${compact}\n`,
    ]) {
      expect(intake.accept({ id: 'web-1' }, text)).toEqual({ kind: 'accepted' });
      expect(JSON.parse(stored('web-1')!)).toEqual(exampleServerInfo());
      expect(stored('web-1')!.split('"serverName"')).toHaveLength(2); // once
      expect(stored('web-1')).not.toMatch(/temperature|first|\n/);
    }
  });

  it('stores what config names, over the agent, and only then', () => {
    intake.accept({ id: 'web-1', name: 'Configured', group: 'production', countryCode: 'DE' }, compact);
    expect(JSON.parse(stored('web-1')!)).toEqual({ ...exampleServerInfo(), serverName: 'Configured', countryCode: 'DE' });
    intake.accept({ id: 'web-1', name: exampleServerInfo().serverName }, compact);
    expect(stored('web-1')).toBe(compact);
  });

  it('refuses an invalid report or another server id and stores nothing', () => {
    expect(intake.accept({ id: 'db-1' }, '{"serverId":')).toMatchObject({ kind: 'invalid' });
    expect(intake.accept({ id: 'db-1' }, compact)).toEqual({ kind: 'id-mismatch', bodyId: 'web-1' });
    expect(registry.get('db-1')).toBeUndefined();
  });
});
