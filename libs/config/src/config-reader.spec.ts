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
});
