import { exampleServerInfo } from '@sss/contracts';
import { sampleOf } from './sample';

const AT = 1_750_003_200_000;

describe('sampleOf', () => {
  it("keeps an old agent's report as the channels of protocol 1.0, and nothing more", () => {
    const info = exampleServerInfo({ serverId: 'old' });
    const { at, values } = sampleOf(info, AT);
    expect(at).toBe(AT);
    const path = info.disk[0].path;
    expect(Object.keys(values).sort()).toEqual(
      ['cpu', 'mem', 'net.in', 'net.out', 'net.recv', 'net.sent', `disk.used ${path}`, `disk.read ${path}`, `disk.write ${path}`].sort(),
    );
  });

  it('records the 1.1 fields an agent sends: the hottest sensor, each GPU by position, connections by protocol', () => {
    const base = exampleServerInfo({ serverId: 'new' });
    const info = {
      ...base,
      cpu: { ...base.cpu, iowait: 3.25, steal: 0 },
      load: { load1: 1.5, load5: 1, load15: 0.5 },
      swap: { total: 2048, used: 1024, usedPercent: 50 },
      processes: 312,
      connections: { tcp: 1_200, udp: 7 },
      temperatures: [
        { sensor: 'acpitz/temp1', celsius: -4 },
        { sensor: 'coretemp/Package id 0', celsius: 71.5 },
        { sensor: 'nvme/Composite', celsius: 44 },
      ],
      gpu: [
        { name: 'NVIDIA A100', utilPercent: 97, memoryTotal: 4, memoryUsed: 2 },
        { name: 'NVIDIA A100', utilPercent: 12, memoryTotal: 4, memoryUsed: 1, celsius: 60 },
      ],
    };
    expect(sampleOf(info, AT).values).toMatchObject({
      'cpu.iowait': 3.25,
      'cpu.steal': 0, // a reading of zero is a reading, kept
      load: 1.5,
      swap: 1024,
      procs: 312,
      'conn.tcp': 1_200,
      'conn.udp': 7,
      'temp.max': 71.5,
      'gpu.util 0': 97,
      'gpu.util 1': 12,
    });
  });

  it('keeps a sub-zero hottest sensor, and leaves temperature out when a host lists none', () => {
    const base = exampleServerInfo({ serverId: 'cold' });
    expect(sampleOf({ ...base, temperatures: [{ sensor: 'outdoor', celsius: -12 }] }, AT).values['temp.max']).toBe(-12);
    expect(sampleOf({ ...base, temperatures: [], gpu: [] }, AT).values).not.toHaveProperty('temp.max');
  });
});
