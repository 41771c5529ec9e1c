import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { exampleServerInfo } from './example-server-info';
import { ServerInfoDto } from './server-info.dto';
import { parseServerInfo } from './parse-server-info';
import { Limits } from './protocol';

/** A JSON object, as JSON.parse hands it over. */
type Json = Record<string, unknown>;

/** A deep copy of the PROTOCOL.md example as a loose object, to break in tests. */
function example(): Json {
  return JSON.parse(JSON.stringify(exampleServerInfo())) as Json;
}

/** The example with the value at `path` (e.g. `disk.0.total`) replaced. */
function exampleWith(path: string, value: unknown): Json {
  const raw = example();
  const [parent, key] = locate(raw, path.split('.'));
  parent[key] = value;
  return raw;
}

/** The object holding the last key of `path` in `raw`, and that key. */
function locate(raw: Json, path: string[]): [Json, string] {
  return [path.slice(0, -1).reduce((o, k) => o[k] as Json, raw), path[path.length - 1]];
}

function errorsOf(raw: unknown): string[] {
  const result = parseServerInfo(JSON.stringify(raw));
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors ?? [];
}

describe('parseServerInfo', () => {
  it('accepts the example from PROTOCOL.md unchanged', () => {
    const result = parseServerInfo(JSON.stringify(exampleServerInfo()));
    expect(result.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(result.ok && result.value))).toEqual(exampleServerInfo());
  });

  it('accepts a report without the optional fields and an empty disk list', () => {
    const raw = example();
    for (const key of ['group', 'countryCode', 'location', 'ip']) delete raw[key];
    raw.disk = [];
    const result = parseServerInfo(JSON.stringify(raw));
    expect(result.ok).toBe(true);
    expect(Object.keys(result.ok ? result.value : {})).not.toContain('group');
  });

  it('rejects text that is not JSON, and JSON that is not an object', () => {
    expect(parseServerInfo('{"serverId": ')).toEqual({ ok: false, errors: [expect.stringMatching(/^not JSON/)] });
    for (const text of ['null', '42', '"x"', '[]', '[{}]']) {
      expect(parseServerInfo(text)).toEqual({ ok: false, errors: ['the message must be a JSON object'] });
    }
  });

  const required: string[][] = [
    ['serverId'],
    ['serverName'],
    ['cpu'],
    ['memory'],
    ['disk'],
    ['network'],
    ['system'],
    ['timestamp'],
    ['cpu', 'percent'],
    ['cpu', 'cores'],
    ['cpu', 'modelName'],
    ['memory', 'total'],
    ['memory', 'used'],
    ['memory', 'available'],
    ['memory', 'usedPercent'],
    ['disk', '0', 'path'],
    ['disk', '0', 'total'],
    ['disk', '0', 'used'],
    ['disk', '0', 'free'],
    ['disk', '0', 'usedPercent'],
    ['disk', '0', 'readSpeed'],
    ['disk', '0', 'writeSpeed'],
    ['network', 'interfaceName'],
    ['network', 'bytesSent'],
    ['network', 'bytesRecv'],
    ['network', 'inSpeed'],
    ['network', 'outSpeed'],
    ['system', 'hostname'],
    ['system', 'os'],
    ['system', 'platform'],
    ['system', 'arch'],
    ['system', 'kernel'],
    ['system', 'uptime'],
  ];
  it.each(required.map((p) => [p.join('.'), p]))('fails when %s is missing', (name, path) => {
    const raw = example();
    const [parent, key] = locate(raw, path);
    delete parent[key];
    expect(errorsOf(raw).some((e) => e.startsWith(`${name}:`))).toBe(true);
  });

  const {
    cpu,
    disk: [disk],
  } = exampleServerInfo();
  it.each<[string, unknown, RegExp]>([
    ['cpu.percent', '45', /must be a number/],
    ['cpu.percent', 100.5, /not be greater than 100/],
    ['cpu.cores', 2.5, /integer/],
    ['memory.total', -1, /not be less than 0/],
    ['memory.usedPercent', null, /must be a number/],
    ['disk.0.usedPercent', 101, /not be greater than 100/],
    ['network.inSpeed', true, /must be a number/],
    ['system.uptime', -5, /not be less than 0/],
    ['timestamp', '1699123456', /must be a number/],
    ['serverName', 42, /must be a string/],
    ['serverName', 'x'.repeat(Limits.TEXT_MAX_LENGTH + 1), /shorter than or equal to/],
    ['system.kernel', 'k'.repeat(100_000), /shorter than or equal to/],
    ['serverId', 'bad id!', /must match/],
    ['countryCode', 'CHN', /shorter than or equal to 2/],
    ['cpu', 'fast', /must be an object/],
    ['cpu', [cpu], /must be an object/],
    ['disk', disk, /must be an array/],
    ['disk', Array.from({ length: Limits.MAX_DISKS + 1 }, () => disk), /must contain no more than/],
    ['disk', [disk, null], /each value in disk must be an object/],
    ['disk', [disk, [disk]], /each value in disk must be an object/],
  ])('rejects a bad %s', (name, value, message) => {
    const raw = exampleWith(name, value);
    expect(errorsOf(raw)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')}: .*${message.source}`))]),
    );
  });

  it('rejects NaN and Infinity however they arrive', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      const raw = example();
      (raw.cpu as Json).percent = value;
      (raw.memory as Json).total = value;
      const errors = errorsOf(raw);
      expect(errors.some((e) => e.startsWith('cpu.percent:'))).toBe(true);
      expect(errors.some((e) => e.startsWith('memory.total:'))).toBe(true);
    }
  });

  it('treats null in an optional string as absent: accepted, the key dropped, the text no longer verbatim', () => {
    const raw = { ...example(), group: null, countryCode: null, location: null, ip: null };
    const result = parseServerInfo(JSON.stringify(raw));
    if (!result.ok) throw new Error(result.errors?.join('; '));
    for (const key of ['group', 'countryCode', 'location', 'ip']) expect(result.value).not.toHaveProperty(key);
    expect(result.verbatim).toBe(false);
    // The class-validator DTO path agrees: it drops the nulls too.
    const dto = plainToInstance(ServerInfoDto, raw, { excludeExtraneousValues: true, exposeUnsetFields: false });
    expect(validateSync(dto, { forbidUnknownValues: true })).toEqual([]);
    for (const key of ['group', 'countryCode', 'location', 'ip']) expect(dto).not.toHaveProperty(key);
  });

  it('refuses, without a stack overflow, an object nested 8,000 deep in a field, saying how deep', () => {
    const deep = '{"a":'.repeat(8_000) + '1' + '}'.repeat(8_000);
    for (const text of [
      JSON.stringify(exampleServerInfo()).replace('"percent":45.2', `"percent":${deep}`),
      JSON.stringify(exampleServerInfo()).replace('"disk":[', `"disk":[${deep},`),
    ]) {
      expect(parseServerInfo(text)).toEqual({ ok: false, errors: ['nested 8002 levels deep, more than 16'] });
    }
    // In an unknown field it is dropped like any extra (brackets inside strings do not count).
    const extra = JSON.stringify({ ...exampleServerInfo(), note: '[[[[{{{{' }).replace('{', `{"extra":${deep},`);
    expect(parseServerInfo(extra).ok).toBe(true);
  });

  it('says why a frame is invalid only when asked; the outcome is the same either way', () => {
    const invalid = JSON.stringify({ ...exampleServerInfo(), disk: Array.from({ length: 4_000 }, () => ({ path: 1 })) });
    expect(parseServerInfo(invalid, false)).toEqual({ ok: false });
    const explained = parseServerInfo(invalid, true);
    expect(explained.ok).toBe(false);
    expect(!explained.ok && explained.errors).toContain('disk: must contain no more than 64 elements');
    const valid = JSON.stringify(exampleServerInfo());
    expect(parseServerInfo(valid, false)).toEqual(parseServerInfo(valid, true));
  });

  it('strips unknown fields at every level', () => {
    const raw = example();
    raw.extra = 'x';
    (raw.cpu as Json).temperature = 80;
    (raw.disk as Json[])[0].mount = 'sda1';
    raw.online = true; // only the dashboard adds online/lastSeen
    const result = parseServerInfo(JSON.stringify(raw));
    expect(result.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(result.ok && result.value))).toEqual(exampleServerInfo());
  });

  it('never lets __proto__ or constructor keys reach an object', () => {
    const text = JSON.stringify(exampleServerInfo())
      .replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')
      .replace('"cpu":{', '"cpu":{"__proto__":{"admin":true},');
    const result = parseServerInfo(text);
    expect(result.ok).toBe(true);
    const value = (result.ok ? result.value : {}) as unknown as Json;
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(false);
    expect(value.polluted).toBeUndefined();
    expect((value.cpu as Json).admin).toBeUndefined();
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(value, 'constructor')).toBe(false);
  });

  describe('verbatim: whether the text itself is exactly the value', () => {
    const compact = JSON.stringify(exampleServerInfo());
    const verbatim = (text: string) => {
      const result = parseServerInfo(text);
      if (!result.ok) throw new Error(result.errors?.join('; '));
      return result.verbatim;
    };

    it('is true for a report with only declared keys, each once, and for colons and quotes inside strings', () => {
      expect(verbatim(compact)).toBe(true);
      expect(verbatim(JSON.stringify({ ...exampleServerInfo(), location: 'a:"b\\":c' }))).toBe(true);
      expect(verbatim(JSON.stringify(exampleServerInfo(), null, 2))).toBe(true); // whitespace inside is still the value
    });

    it('is false when a key is dropped or repeated, or the text has something around the object', () => {
      expect(verbatim(compact.replace('{', '{"extra":1,'))).toBe(false);
      expect(verbatim(compact.replace('"cpu":{', '"cpu":{"temperature":80,'))).toBe(false);
      expect(verbatim(compact.replace('{', '{"group":"first",'))).toBe(false); // JSON.parse keeps the last "group"
      expect(verbatim(` ${compact}`)).toBe(false);
      expect(verbatim(`${compact}\n`)).toBe(false);
    });
  });
});
