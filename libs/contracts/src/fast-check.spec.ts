import { Expose, plainToInstance } from 'class-transformer';
import { validateSync, ValidateBy } from 'class-validator';
import { exampleServerInfo } from './example-server-info';
import { compileFastCheck } from './fast-check';
import { ServerInfoDto } from './server-info.dto';

/** The reference: what class-transformer + class-validator make of `raw`. */
function reference(raw: object): { ok: boolean; json?: string } {
  const dto = plainToInstance(ServerInfoDto, raw, { excludeExtraneousValues: true, exposeUnsetFields: false });
  const ok = validateSync(dto, { forbidUnknownValues: true }).length === 0;
  return ok ? { ok, json: JSON.stringify(dto) } : { ok };
}

const fastCheck = compileFastCheck(ServerInfoDto);
function fast(raw: object): { ok: boolean; json?: string } {
  const out = fastCheck(raw as Record<string, unknown>);
  return out ? { ok: true, json: JSON.stringify(out) } : { ok: false };
}

const ODD_VALUES: unknown[] = [
  undefined, null, NaN, Infinity, -1, 0, 0.5, 100, 100.01, 1e308, 65_537, '', 'x', '7', 'x'.repeat(257),
  true, [], [{}], {}, { a: 1 }, 'CN', 'CHN', -0, 1.5, -Infinity,
  // Surrogate pairs count as one character for class-validator: longer in UTF-16 than its limits, yet valid.
  '😀'.repeat(256), '😀'.repeat(257), '🇨🇳', '😀',
];

/** Every path to a leaf or a nested object in the example, e.g. ['disk', '0', 'path']. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const own = prefix.length ? [prefix] : [];
  return own.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])));
}

function withValue(path: string[], value: unknown): Record<string, unknown> {
  const raw = JSON.parse(JSON.stringify(exampleServerInfo({ disk: [exampleServerInfo().disk[0], exampleServerInfo().disk[0]] })));
  const parent = path.slice(0, -1).reduce((o, k) => o[k], raw);
  parent[path[path.length - 1]] = value;
  return raw;
}

describe('compileFastCheck(ServerInfoDto)', () => {
  it('agrees with class-transformer + class-validator on the example', () => {
    const raw = exampleServerInfo();
    expect(fast(raw)).toEqual(reference(raw));
    expect(fast(raw).ok).toBe(true);
  });

  const allPaths = paths(exampleServerInfo({ disk: [exampleServerInfo().disk[0], exampleServerInfo().disk[0]] }));
  it.each(allPaths.map((p) => [p.join('.'), p]))('agrees with the reference for every odd value at %s', (_, path) => {
    for (const value of ODD_VALUES) {
      const raw = withValue(path as string[], value);
      expect({ value, ...fast(raw) }).toEqual({ value, ...reference(raw) });
    }
  });

  it('agrees on unknown keys, __proto__ and constructor at every level', () => {
    const text = JSON.stringify(exampleServerInfo())
      .replace('{', '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}},"extra":5,')
      .replace('"cpu":{', '"cpu":{"__proto__":{"admin":true},"temp":9,');
    const raw = JSON.parse(text);
    expect(fast(raw)).toEqual(reference(raw));
    expect(fast(raw).json).toBe(JSON.stringify(exampleServerInfo()));
  });

  it('agrees on too many disks and on disks that are not objects', () => {
    const disk = exampleServerInfo().disk[0];
    for (const list of [Array.from({ length: 65 }, () => disk), Array.from({ length: 64 }, () => disk), [disk, 5], [disk, null], [disk, [disk]]]) {
      const raw = { ...exampleServerInfo(), disk: list };
      expect(fast(raw)).toEqual(reference(raw));
    }
  });

  it('asks a custom rule named like an Object.prototype member itself', () => {
    class Odd {
      @Expose()
      @ValidateBy({ name: 'constructor', validator: { validate: (v) => v === 'yes' } })
      answer!: string;
    }
    const check = compileFastCheck(Odd);
    expect(check({ answer: 'yes' })).toEqual({ answer: 'yes' });
    expect(check({ answer: 'no' })).toBeUndefined();
  });
});
