import type { ServerSample } from '../../../domain/sample';
import type { Transition } from '../../../domain/transition';
import { packAppend, unpackAppend } from './append-wire';

/** Through a real thread boundary's copy, with the typed arrays handed over as the worker client does. */
function crossed(samples: ServerSample[], transitions: Transition[]) {
  const { args, transfer } = packAppend([samples, transitions]);
  const copy = structuredClone(args, { transfer });
  expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true); // handed over, not copied
  return unpackAppend(copy);
}

describe('append across the worker boundary', () => {
  it('brings back every sample with its own channels, and the transitions', () => {
    const samples: ServerSample[] = [
      { serverId: 'web-1', sample: { at: 1_000, values: { cpu: 12.5, mem: 2 ** 40, 'disk.used /': 7 } } },
      { serverId: 'web-2', sample: { at: 2_000, values: {} } },
      { serverId: 'web-1', sample: { at: 6_000, values: { cpu: 0, load: 0.25, 'net.sent': 2 ** 51 } } },
    ];
    const transitions: Transition[] = [{ serverId: 'web-2', at: 1_500, online: false, cause: 'silence' }];
    expect(crossed(samples, transitions)).toEqual([samples, transitions]);
  });

  it('carries an empty batch', () => {
    expect(crossed([], [])).toEqual([[], []]);
  });

  it('refuses roll-up samples, whose maxima it does not carry', () => {
    const rolled: ServerSample = { serverId: 'a', sample: { at: 0, values: { cpu: 1 }, max: { cpu: 2 } } };
    expect(() => packAppend([[rolled], []])).toThrow('append takes reports');
  });
});
