import { Expose, plainToInstance } from 'class-transformer';
import { validateSync, ValidateBy } from 'class-validator';
import { exampleServerInfo, exampleServerInfoV11 } from './example-server-info';
import { compileFastCheck } from './fast-check';
import { ServerInfoDto } from './server-info.dto';

/** A JSON object, as JSON.parse hands it to the dashboard. */
type Json = Record<string, unknown>;
const parse = (text: string): Json => JSON.parse(text) as Json;

/** The reference: what class-transformer + class-validator make of `raw` (as JSON would carry it). */
function reference(raw: object): { ok: boolean; value?: unknown } {
  const dto = plainToInstance(ServerInfoDto, raw, { excludeExtraneousValues: true, exposeUnsetFields: false });
  const ok = validateSync(dto, { forbidUnknownValues: true }).length === 0;
  return ok ? { ok, value: JSON.parse(JSON.stringify(dto)) } : { ok };
}

const fastCheck = compileFastCheck(ServerInfoDto);
/** The fast check on a deep copy of `raw` (it strips in place), so the reference sees the original. */
function fast(raw: object): { ok: boolean; value?: unknown } {
  const own = structuredClone(raw) as Json;
  return fastCheck(own) >= 0 ? { ok: true, value: JSON.parse(JSON.stringify(own)) } : { ok: false };
}

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  NaN,
  Infinity,
  -1,
  0,
  0.5,
  100,
  100.01,
  1e308,
  65_537,
  '',
  'x',
  '7',
  'x'.repeat(257),
  true,
  [],
  [{}],
  {},
  { a: 1 },
  'CN',
  'CHN',
  -0,
  1.5,
  -Infinity,
  // Surrogate pairs count as one character for class-validator: longer in UTF-16 than its limits, yet valid.
  '😀'.repeat(256),
  '😀'.repeat(257),
  '🇨🇳',
  '😀',
  -273.15,
  -1e308,
  'x'.repeat(64),
  'x'.repeat(65),
  Array.from({ length: 100 }, () => ({})),
  [null],
  [[]],
  { load1: 1 },
];

/** Every path to a leaf or a nested object in the example, e.g. ['disk', '0', 'path']. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const own = prefix.length ? [prefix] : [];
  return own.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])));
}

/** Keys in an object tree, nested ones included. */
function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce((n, [, v]) => n + (Array.isArray(value) ? 0 : 1) + countKeys(v), 0);
}

/** The 1.1 example with two items in every array, so a change to one item is seen beside a valid one. */
function doubled(): Json {
  const raw = exampleServerInfoV11();
  const twice = <T>(items: T[]): T[] => [items[0], items[items.length - 1]];
  return parse(
    JSON.stringify({
      ...raw,
      disk: twice(raw.disk),
      network: { ...raw.network, interfaces: twice(raw.network.interfaces!) },
      gpu: twice(raw.gpu!),
      temperatures: twice(raw.temperatures!),
    }),
  );
}

function withValue(path: string[], value: unknown): Json {
  const raw = doubled();
  const parent = path.slice(0, -1).reduce((o, k) => o[k] as Json, raw);
  parent[path[path.length - 1]] = value;
  return raw;
}

describe('compileFastCheck(ServerInfoDto)', () => {
  it('agrees with class-transformer + class-validator on the example', () => {
    const raw = exampleServerInfo();
    expect(fast(raw)).toEqual(reference(raw));
    expect(fast(raw).ok).toBe(true);
  });

  it('agrees on the example with every optional field of protocol 1.1, and keeps them all', () => {
    const raw = exampleServerInfoV11();
    expect(fast(raw)).toEqual(reference(raw));
    expect(fast(raw).value).toEqual(raw);
  });

  const allPaths = paths(doubled());
  it.each(allPaths.map((p) => [p.join('.'), p]))('agrees with the reference for every odd value at %s', (_, path) => {
    for (const value of ODD_VALUES) {
      const raw = withValue(path, value);
      expect({ value, ...fast(raw) }).toEqual({ value, ...reference(raw) });
    }
  });

  it('agrees on unknown keys, __proto__ and constructor at every level', () => {
    const text = JSON.stringify(exampleServerInfo())
      .replace('{', '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}},"extra":5,')
      .replace('"cpu":{', '"cpu":{"__proto__":{"admin":true},"temp":9,');
    const raw = parse(text);
    expect(fast(raw)).toEqual(reference(raw));
    expect(fast(raw).value).toEqual(exampleServerInfo());
    // In place: the object itself lost its undeclared keys, own `__proto__` included.
    expect(fastCheck(raw)).toBe(countKeys(exampleServerInfo()));
    expect(Object.keys(raw)).not.toContain('__proto__');
    expect(raw).toEqual(exampleServerInfo());
  });

  it('counts the keys it keeps, nested ones included, and none of those it drops', () => {
    const raw = parse(JSON.stringify({ ...exampleServerInfo(), extra: { a: 1, b: 2 } }));
    (raw.cpu as Json).temperature = 80;
    expect(fastCheck(raw)).toBe(countKeys(exampleServerInfo()));
  });

  it('agrees on too many disks and on disks that are not objects', () => {
    const disk = exampleServerInfo().disk[0];
    for (const list of [
      Array.from({ length: 65 }, () => disk),
      Array.from({ length: 64 }, () => disk),
      [disk, 5],
      [disk, null],
      [disk, [disk]],
    ]) {
      const raw = { ...exampleServerInfo(), disk: list };
      expect(fast(raw)).toEqual(reference(raw));
    }
  });

  it.each<[string, string[], number]>([
    ['temperatures', ['temperatures'], 64],
    ['network.interfaces', ['network', 'interfaces'], 64],
    ['gpu', ['gpu'], 16],
  ])('agrees on %s at, above and far above its limit, and on items that are not objects', (_, path, limit) => {
    const item = (path.reduce((o, k) => o[k] as Json, doubled()) as unknown as Json[])[0];
    for (const list of [
      Array.from({ length: limit }, () => item),
      Array.from({ length: limit + 1 }, () => item),
      Array.from({ length: 5_000 }, () => item),
      [item, 5],
      [item, null],
      [item, [item]],
    ]) {
      const raw = withValue(path, list);
      expect(fast(raw)).toEqual(reference(raw));
      expect(fast(raw).ok).toBe(list.length <= limit && list.every((i) => i === item));
    }
  });

  it('asks a custom rule named like an Object.prototype member itself', () => {
    class Odd {
      @Expose()
      @ValidateBy({ name: 'constructor', validator: { validate: (v) => v === 'yes' } })
      answer!: string;
    }
    const check = compileFastCheck(Odd);
    expect(check({ answer: 'yes' })).toBe(1);
    expect(check({ answer: 'no' })).toBe(-1);
  });
});
