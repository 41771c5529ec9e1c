import { exampleServerInfo, exampleServerInfoV11 } from './example-server-info';
import { parseServerInfo } from './parse-server-info';
import { Limits } from './protocol';

/** A JSON object, as JSON.parse hands it over. */
type Json = Record<string, unknown>;

/** A deep copy of the PROTOCOL.md example as a loose object, to break in tests. */
function example(): Json {
  return JSON.parse(JSON.stringify(exampleServerInfo())) as Json;
}

/** The 1.1 example (every optional field) as a loose object. */
function exampleV11(): Json {
  return JSON.parse(JSON.stringify(exampleServerInfoV11())) as Json;
}

/** The example (the 1.1 one with `v11`) with the value at `path` (e.g. `disk.0.total`) replaced. */
function exampleWith(path: string, value: unknown, v11 = false): Json {
  const raw = v11 ? exampleV11() : example();
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
  return result.errors;
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

  describe('the optional fields of protocol 1.1', () => {
    const v11 = exampleServerInfoV11();
    const parsed = (raw: unknown) => {
      const result = parseServerInfo(JSON.stringify(raw));
      if (!result.ok) throw new Error(result.errors.join('; '));
      return result;
    };

    it('accepts a report with all of them and keeps every one, verbatim', () => {
      const result = parsed(v11);
      expect(JSON.parse(JSON.stringify(result.value))).toEqual(v11);
      expect(result.verbatim).toBe(true);
    });

    it('leaves a report without them exactly as it was: no key added, not even an undefined one', () => {
      const result = parsed(exampleServerInfo());
      expect(result.verbatim).toBe(true);
      const value = result.value as unknown as Json;
      expect(Object.keys(value)).toEqual(Object.keys(exampleServerInfo()));
      for (const part of ['cpu', 'network', 'system']) {
        expect(Object.keys(value[part] as Json)).toEqual(Object.keys(exampleServerInfo()[part as 'cpu']));
      }
    });

    it('accepts each of them alone', () => {
      const keys: [keyof typeof v11, string?][] = [
        ['load'],
        ['swap'],
        ['processes'],
        ['connections'],
        ['temperatures'],
        ['gpu'],
        ['agentVersion'],
        ['cpu', 'iowait'],
        ['cpu', 'steal'],
        ['network', 'interfaces'],
        ['system', 'bootTime'],
        ['system', 'virtualization'],
      ];
      for (const [key, nested] of keys) {
        const raw = example();
        if (nested) (raw[key] as Json)[nested] = (v11[key] as unknown as Json)[nested];
        else raw[key] = v11[key];
        expect(JSON.parse(JSON.stringify(parsed(raw).value))).toEqual(raw);
      }
    });

    it('accepts every limit exactly and a negative celsius', () => {
      const raw = exampleV11();
      const temperature = { sensor: 's'.repeat(Limits.TEXT_MAX_LENGTH), celsius: -40 };
      raw.temperatures = Array.from({ length: Limits.MAX_TEMPERATURES }, () => temperature);
      const nic = { ...v11.network.interfaces![0], name: 'n'.repeat(Limits.TEXT_MAX_LENGTH) };
      (raw.network as Json).interfaces = Array.from({ length: Limits.MAX_INTERFACES }, () => nic);
      const gpu = { ...v11.gpu![0], celsius: -5, utilPercent: 100 };
      raw.gpu = Array.from({ length: Limits.MAX_GPUS }, () => gpu);
      raw.agentVersion = 'v'.repeat(Limits.AGENT_VERSION_MAX_LENGTH);
      (raw.system as Json).virtualization = 'x'.repeat(Limits.TEXT_MAX_LENGTH);
      (raw.cpu as Json).iowait = 100;
      (raw.cpu as Json).steal = 0;
      expect(JSON.parse(JSON.stringify(parsed(raw).value))).toEqual(raw);
    });

    it('accepts a GPU without celsius', () => {
      const raw = exampleWith('gpu', [{ name: 'AMD Radeon', utilPercent: 3, memoryTotal: 8e9, memoryUsed: 1e9 }], true);
      expect(JSON.parse(JSON.stringify(parsed(raw).value))).toEqual(raw);
    });

    const temperature = v11.temperatures![0];
    const nic = v11.network.interfaces![0];
    const gpu = v11.gpu![0];
    it.each<[string, unknown, RegExp]>([
      ['load', null, /must be an object/],
      ['load', [v11.load], /must be an object/],
      ['load', 'high', /must be an object/],
      ['load.load1', -0.1, /not be less than 0/],
      ['load.load5', {}, /must be a number/],
      ['load.load15', undefined, /must be a number/],
      ['swap', null, /must be an object/],
      ['swap.total', '2G', /must be a number/],
      ['swap.used', -1, /not be less than 0/],
      ['swap.usedPercent', 100.1, /not be greater than 100/],
      ['processes', null, /must be a number/],
      ['processes', -1, /not be less than 0/],
      ['processes', '212', /must be a number/],
      ['connections', null, /must be an object/],
      ['connections.tcp', -3, /not be less than 0/],
      ['connections.udp', '12', /must be a number/],
      ['temperatures', null, /must be an array/],
      ['temperatures', temperature, /must be an array/],
      ['temperatures', Array.from({ length: Limits.MAX_TEMPERATURES + 1 }, () => temperature), /must contain no more than 64/],
      ['temperatures', [temperature, null], /each value in temperatures must be an object/],
      ['temperatures.0.sensor', 's'.repeat(Limits.TEXT_MAX_LENGTH + 1), /shorter than or equal to 256/],
      ['temperatures.0.sensor', 7, /must be a string/],
      ['temperatures.0.celsius', null, /must be a number/],
      ['temperatures.0.celsius', '54', /must be a number/],
      ['temperatures.0.celsius', true, /must be a number/],
      ['cpu.iowait', null, /must be a number/],
      ['cpu.iowait', 100.5, /not be greater than 100/],
      ['cpu.steal', -0.5, /not be less than 0/],
      ['network.interfaces', null, /must be an array/],
      ['network.interfaces', Array.from({ length: Limits.MAX_INTERFACES + 1 }, () => nic), /must contain no more than 64/],
      ['network.interfaces.0.name', 'n'.repeat(Limits.TEXT_MAX_LENGTH + 1), /shorter than or equal to 256/],
      ['network.interfaces.0.bytesRecv', -1, /not be less than 0/],
      ['network.interfaces.0.outSpeed', undefined, /must be a number/],
      ['gpu', null, /must be an array/],
      ['gpu', Array.from({ length: Limits.MAX_GPUS + 1 }, () => gpu), /must contain no more than 16/],
      ['gpu.0.name', null, /must be a string/],
      ['gpu.0.utilPercent', 101, /not be greater than 100/],
      ['gpu.0.memoryTotal', -1, /not be less than 0/],
      ['gpu.0.memoryUsed', '1G', /must be a number/],
      ['gpu.0.celsius', null, /must be a number/],
      ['gpu.0.celsius', [61], /must be a number/],
      ['system.bootTime', null, /must be a number/],
      ['system.bootTime', -1, /not be less than 0/],
      ['system.virtualization', null, /must be a string/],
      ['system.virtualization', 'v'.repeat(Limits.TEXT_MAX_LENGTH + 1), /shorter than or equal to 256/],
      ['agentVersion', null, /must be a string/],
      ['agentVersion', 1.1, /must be a string/],
      ['agentVersion', 'v'.repeat(Limits.AGENT_VERSION_MAX_LENGTH + 1), /shorter than or equal to 64/],
    ])('rejects a bad %s: %p', (name, value, message) => {
      const raw = exampleWith(name, value, true);
      expect(errorsOf(raw)).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${name.replaceAll('.', '\\.')}: .*${message.source}`))]),
      );
    });
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
      if (!result.ok) throw new Error(result.errors.join('; '));
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
