import type { ServerInfo } from './server-info';

/** The example report from PROTOCOL.md, for tests, load generators and docs. */
export function exampleServerInfo(overrides: Partial<ServerInfo> = {}): ServerInfo {
  return {
    serverId: 'web-1',
    serverName: 'Web Server 1',
    group: 'production',
    countryCode: 'CN',
    location: 'Beijing, China',
    ip: '123.45.67.89',
    cpu: { percent: 45.2, cores: 8, modelName: 'Intel(R) Xeon(R) CPU E5-2680 v4' },
    memory: { total: 16777216000, used: 8388608000, available: 8388608000, usedPercent: 50.0 },
    disk: [
      { path: '/', total: 107374182400, used: 53687091200, free: 53687091200, usedPercent: 50.0, readSpeed: 1048576, writeSpeed: 524288 },
    ],
    network: { interfaceName: 'eth0', bytesSent: 1073741824, bytesRecv: 2147483648, inSpeed: 1048576, outSpeed: 524288 },
    system: { hostname: 'web-server-1', os: 'linux', platform: 'ubuntu', arch: 'amd64', kernel: '5.15.0-58-generic', uptime: 864000 },
    timestamp: 1699123456,
    ...overrides,
  };
}

/** The example with every optional field of protocol 1.1, as a Linux agent with a GPU sends it. */
export function exampleServerInfoV11(overrides: Partial<ServerInfo> = {}): ServerInfo {
  const base = exampleServerInfo();
  return {
    ...base,
    cpu: { ...base.cpu, iowait: 1.5, steal: 0.2 },
    network: {
      ...base.network,
      interfaces: [{ name: 'eth0', bytesSent: 1073741824, bytesRecv: 2147483648, inSpeed: 1048576, outSpeed: 524288 }],
    },
    system: { ...base.system, bootTime: 1698259456, virtualization: 'kvm' },
    load: { load1: 0.52, load5: 0.61, load15: 0.7 },
    swap: { total: 2147483648, used: 104857600, usedPercent: 4.88 },
    processes: 212,
    connections: { tcp: 87, udp: 12 },
    temperatures: [
      { sensor: 'coretemp/Package id 0', celsius: 54 },
      { sensor: 'outdoor/temp1', celsius: -12.5 },
    ],
    gpu: [{ name: 'NVIDIA GeForce RTX 3080', utilPercent: 37, memoryTotal: 10737418240, memoryUsed: 2147483648, celsius: 61 }],
    agentVersion: '0.1.0',
    ...overrides,
  };
}
