import { ByteReportCache } from './byte-report.cache';

const message = (cache: ByteReportCache, ...args: Parameters<ByteReportCache['frontendMessage']>) =>
  JSON.parse(cache.frontendMessage(...args).toString('utf8')) as unknown;

describe('ByteReportCache', () => {
  it('builds the frontend message from the report exactly as kept, plus online and lastSeen', () => {
    const cache = new ByteReportCache();
    const report = cache.keep('{"serverId":"a","cpu":{"percent":1.5}}', undefined);
    expect(message(cache, report, true, 1_700_000_000_123)).toEqual({
      serverId: 'a',
      cpu: { percent: 1.5 },
      online: true,
      lastSeen: 1_700_000_000_123,
    });
    expect(cache.frontendMessage(report, false, 5).toString()).toBe('{"serverId":"a","cpu":{"percent":1.5},"online":false,"lastSeen":5}');
  });

  it('gives back the JSON it keeps, also after a shorter report reused the memory', () => {
    const cache = new ByteReportCache();
    const first = cache.keep('{"serverId":"a","name":"Zürich long name"}', undefined);
    expect(cache.json(cache.keep('{"serverId":"a"}', first))).toBe('{"serverId":"a"}');
  });

  it("reuses the previous report's memory and keeps each report exactly, longer, shorter or multi-byte", () => {
    const cache = new ByteReportCache();
    const long = JSON.stringify({ serverId: 'a', location: 'x'.repeat(10_000) });
    const multiByte = JSON.stringify({ serverId: 'a', location: '北京 🇨🇳 Zürich' });
    let report = cache.keep(JSON.stringify({ serverId: 'a' }), undefined);
    for (const text of [long, JSON.stringify({ serverId: 'a', n: 1 }), multiByte, long]) {
      const next = cache.keep(text, report);
      expect(next).toBe(report);
      expect(next.byteLength).toBe(Buffer.byteLength(text));
      expect(message(cache, next, true, 1)).toEqual({ ...JSON.parse(text), online: true, lastSeen: 1 });
      report = next;
    }
  });

  it('refuses any text but a compact non-empty JSON object, the shape the frontend message is built on', () => {
    const cache = new ByteReportCache();
    for (const text of ['{"serverId":"a"}\n', ' {"serverId":"a"}', '{ "serverId":"a"}', '{}', '[{"a":1}]', '"x"', '']) {
      expect(() => cache.keep(text, undefined)).toThrow(/compact JSON text of a non-empty object/);
    }
  });
});
