import { ConfigReader } from './config-reader';

const failure = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
};

describe('ConfigReader', () => {
  const keys = ['port', 'host', 'intervalSeconds', 'servers'];

  it('suggests the closest known key for an unknown one', () => {
    expect(failure(() => new ConfigReader({ interval: 5 }).allowOnly(keys)).message).toBe(
      'config: interval: unknown key, did you mean intervalSeconds?',
    );
    expect(failure(() => new ConfigReader({ prot: 1 }).allowOnly(keys)).message).toBe('config: prot: unknown key, did you mean port?');
  });

  it('lists the known keys when none is close, with the full path of the key', () => {
    expect(failure(() => new ConfigReader({ colour: 'red' }, 'servers[0]').allowOnly(['id', 'secret'])).message).toBe(
      'config: servers[0].colour: unknown key (known: id, secret)',
    );
  });

  it('accepts known keys', () => {
    expect(new ConfigReader({ port: 1, host: 'h' }).allowOnly(keys).int('port', 0)).toBe(1);
  });

  it('shows where YAML text from an environment variable is broken', () => {
    expect(failure(() => new ConfigReader({ servers: '- id: a\n  secret: "x\n' }).list('servers')).message).toBe(
      'config: servers: not valid YAML/JSON: Missing closing "quote at line 3, column 1, after line 2: "  secret: \\"x"',
    );
  });

  it('reads durations and sizes with or without a unit, and names the key of a bad one', () => {
    const r = new ConfigReader({ raw: '48h', year: '1y', plain: 90, cap: '2GiB', small: '1.5KB', bad: '3 weeks', flag: 'true' });
    expect([r.duration('raw', 0), r.duration('year', 0), r.duration('plain', 0), r.duration('absent', 7)]).toEqual([
      172_800_000, 31_536_000_000, 90_000, 7,
    ]);
    expect([r.bytes('cap', 0), r.bytes('small', 0)]).toEqual([2 * 1024 ** 3, 1500]);
    expect(failure(() => r.duration('bad', 0)).message).toBe(
      'config: bad: must be a duration such as 90s, 15m, 48h, 30d or 1y, got string "3 weeks"',
    );
    expect(failure(() => r.bytes('cap', 0, { max: 1024 })).message).toBe('config: cap: is too large (2GiB)');
    expect(r.bool('flag', false)).toBe(true);
    expect(failure(() => r.bool('raw', false)).message).toBe('config: raw: must be true or false, got string "48h"');
  });

  it('reads nested mappings, empty when absent', () => {
    const r = new ConfigReader({ history: { enabled: false }, storage: 'x' });
    expect(r.section('history').bool('enabled', true)).toBe(false);
    expect(r.section('absent').has('anything')).toBe(false);
    expect(failure(() => r.section('storage')).message).toBe('config: storage: must be a mapping, got string "x"');
    expect(failure(() => r.section('history').allowOnly(['maxBytes'])).message).toContain('history.enabled: unknown key');
  });
});
