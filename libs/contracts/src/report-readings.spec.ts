import { exampleServerInfo } from './example-server-info';
import { reportReadings, SERIES_NAMES } from './report-readings';

describe('reportReadings', () => {
  it('names the readings of a report as the history series are named', () => {
    const update = exampleServerInfo({
      cpu: { percent: 12, cores: 2, modelName: 'x' },
      memory: { total: 10, used: 4, available: 6, usedPercent: 40 },
      disk: [{ path: '/', total: 10, used: 3, free: 7, usedPercent: 30, readSpeed: 5, writeSpeed: 6 }],
      network: { interfaceName: 'eth0', bytesSent: 1, bytesRecv: 2, inSpeed: 3, outSpeed: 4 },
    });
    expect(reportReadings(update, SERIES_NAMES)).toEqual({
      cpu: 12,
      'memory.used': 4,
      'disk.used /': 3,
      'disk.read /': 5,
      'disk.write /': 6,
      'network.in': 3,
      'network.out': 4,
      'network.sent': 1,
      'network.recv': 2,
    });
    const newer = {
      ...update,
      cpu: { ...update.cpu, iowait: 2.5, steal: 0 },
      swap: { total: 20, used: 9, usedPercent: 45 },
      load: { load1: 0.5, load5: 1, load15: 2 },
      processes: 300,
      connections: { tcp: 40, udp: 3 },
      temperatures: [
        { sensor: 'a', celsius: -5 },
        { sensor: 'b', celsius: 61 },
      ],
      gpu: [
        { name: 'A100', utilPercent: 90, memoryTotal: 8, memoryUsed: 1 },
        { name: 'A100', utilPercent: 10, memoryTotal: 8, memoryUsed: 1 },
      ],
    };
    expect(reportReadings(newer, SERIES_NAMES)).toMatchObject({
      'swap.used': 9,
      'load.1': 0.5,
      'cpu.iowait': 2.5,
      'cpu.steal': 0,
      processes: 300,
      'connections.tcp': 40,
      'connections.udp': 3,
      'temperature.max': 61,
      'gpu.util 0': 90,
      'gpu.util 1': 10,
    });
  });
});
