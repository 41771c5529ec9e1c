import type { ServerReading } from '../../fleet';

/** One value of a metric for one server, with the labels it adds to `server_id` and `group`. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/** A per-server metric of the fleet: how its samples come out of a server's latest report. */
export interface FleetMetric {
  /** The full name, `sss_server_` and base units, as Prometheus will show it. */
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  /** The labels `samples` adds, beyond `server_id` and `group`. */
  labelNames: readonly string[];
  samples(reading: ServerReading, now: number): Sample[];
}

/** The labels every fleet metric carries. */
export const SERVER_LABELS = ['server_id', 'group'] as const;

/** The attributes of a server that are labels of `sss_server_info`, never of the numeric metrics. */
const INFO_LABELS = ['server_name', 'hostname', 'os', 'arch', 'kernel', 'country_code', 'agent_version'] as const;

const one = (value: number | undefined): Sample[] => (value === undefined ? [] : [{ value }]);
const ratio = (percent: number | undefined): Sample[] => one(percent === undefined ? undefined : percent / 100);

/**
 * Every per-server metric, following Prometheus' conventions: base units
 * (bytes, seconds, ratios 0..1), `_total` for counters, attributes as labels
 * of an `_info` metric. Optional report fields make no sample when absent.
 */
export const FLEET_METRICS: readonly FleetMetric[] = [
  {
    name: 'sss_server_info',
    help: "A server's attributes as labels; the value is always 1.",
    type: 'gauge',
    labelNames: INFO_LABELS,
    samples: ({ info }) => [
      {
        labels: {
          server_name: info.serverName,
          hostname: info.system.hostname,
          os: info.system.os,
          arch: info.system.arch,
          kernel: info.system.kernel,
          country_code: info.countryCode ?? '',
          agent_version: info.agentVersion ?? '',
        },
        value: 1,
      },
    ],
  },
  {
    name: 'sss_server_up',
    help: '1 while the server is online, 0 once its connection is gone (until the offline threshold drops it).',
    type: 'gauge',
    labelNames: [],
    samples: ({ online }) => [{ value: online ? 1 : 0 }],
  },
  {
    name: 'sss_server_last_report_age_seconds',
    help: 'Seconds since the server last reported.',
    type: 'gauge',
    labelNames: [],
    samples: ({ lastSeen }, now) => [{ value: Math.max(0, now - lastSeen) / 1000 }],
  },
  {
    name: 'sss_server_cpu_usage_ratio',
    help: 'CPU busy time over the last report interval, 0..1.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => ratio(info.cpu.percent),
  },
  {
    name: 'sss_server_cpu_iowait_ratio',
    help: 'CPU time waiting for I/O over the last report interval, 0..1.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => ratio(info.cpu.iowait),
  },
  {
    name: 'sss_server_cpu_steal_ratio',
    help: 'CPU time stolen by the hypervisor over the last report interval, 0..1.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => ratio(info.cpu.steal),
  },
  { name: 'sss_server_cpu_cores', help: 'Logical CPUs.', type: 'gauge', labelNames: [], samples: ({ info }) => one(info.cpu.cores) },
  {
    name: 'sss_server_memory_total_bytes',
    help: 'Physical memory.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.memory.total),
  },
  {
    name: 'sss_server_memory_used_bytes',
    help: 'Memory in use.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.memory.used),
  },
  {
    name: 'sss_server_memory_available_bytes',
    help: 'Memory available for new work without swapping.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.memory.available),
  },
  { name: 'sss_server_swap_total_bytes', help: 'Swap space.', type: 'gauge', labelNames: [], samples: ({ info }) => one(info.swap?.total) },
  { name: 'sss_server_swap_used_bytes', help: 'Swap in use.', type: 'gauge', labelNames: [], samples: ({ info }) => one(info.swap?.used) },
  {
    name: 'sss_server_load1',
    help: 'Load average over 1 minute.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.load?.load1),
  },
  {
    name: 'sss_server_load5',
    help: 'Load average over 5 minutes.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.load?.load5),
  },
  {
    name: 'sss_server_load15',
    help: 'Load average over 15 minutes.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.load?.load15),
  },
  {
    name: 'sss_server_filesystem_size_bytes',
    help: 'Size of each mounted filesystem.',
    type: 'gauge',
    labelNames: ['mountpoint'],
    samples: ({ info }) => info.disk.map((d) => ({ labels: { mountpoint: d.path }, value: d.total })),
  },
  {
    name: 'sss_server_filesystem_free_bytes',
    help: 'Free space of each mounted filesystem.',
    type: 'gauge',
    labelNames: ['mountpoint'],
    samples: ({ info }) => info.disk.map((d) => ({ labels: { mountpoint: d.path }, value: d.free })),
  },
  {
    name: 'sss_server_disk_read_bytes_per_second',
    help: 'Bytes read per second from the device under each mounted filesystem, over the last report interval.',
    type: 'gauge',
    labelNames: ['mountpoint'],
    samples: ({ info }) => info.disk.map((d) => ({ labels: { mountpoint: d.path }, value: d.readSpeed })),
  },
  {
    name: 'sss_server_disk_write_bytes_per_second',
    help: 'Bytes written per second to the device under each mounted filesystem, over the last report interval.',
    type: 'gauge',
    labelNames: ['mountpoint'],
    samples: ({ info }) => info.disk.map((d) => ({ labels: { mountpoint: d.path }, value: d.writeSpeed })),
  },
  {
    name: 'sss_server_network_receive_bytes_per_second',
    help: 'Bytes received per second over the last report interval, all counted interfaces.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.network.inSpeed),
  },
  {
    name: 'sss_server_network_transmit_bytes_per_second',
    help: 'Bytes sent per second over the last report interval, all counted interfaces.',
    type: 'gauge',
    labelNames: [],
    samples: ({ info }) => one(info.network.outSpeed),
  },
  {
    name: 'sss_server_network_receive_bytes_total',
    help: "Bytes received, all counted interfaces, as the agent's counters read them.",
    type: 'counter',
    labelNames: [],
    samples: ({ info }) => one(info.network.bytesRecv),
  },
  {
    name: 'sss_server_network_transmit_bytes_total',
    help: "Bytes sent, all counted interfaces, as the agent's counters read them.",
    type: 'counter',
    labelNames: [],
    samples: ({ info }) => one(info.network.bytesSent),
  },
  {
    name: 'sss_server_network_interface_receive_bytes_total',
    help: 'Bytes received per network interface.',
    type: 'counter',
    labelNames: ['device'],
    samples: ({ info }) => (info.network.interfaces ?? []).map((i) => ({ labels: { device: i.name }, value: i.bytesRecv })),
  },
  {
    name: 'sss_server_network_interface_transmit_bytes_total',
    help: 'Bytes sent per network interface.',
    type: 'counter',
    labelNames: ['device'],
    samples: ({ info }) => (info.network.interfaces ?? []).map((i) => ({ labels: { device: i.name }, value: i.bytesSent })),
  },
];
