import { ConfigError, unknownFlag } from '@sss/config';

/** Command-line flags and the config key each sets. */
const FLAGS: ReadonlyArray<{ flag: string; key: string; arg: string; help: string }> = [
  { flag: '--server', key: 'server', arg: 'URL', help: 'dashboard, e.g. ws://dash.example.com:8900 or wss://...' },
  { flag: '--id', key: 'id', arg: 'ID', help: "this server's id in the dashboard config" },
  { flag: '--secret', key: 'secret', arg: 'SECRET', help: 'shared secret (visible in ps; prefer --secret-file)' },
  { flag: '--secret-file', key: 'secretFile', arg: 'PATH', help: 'file holding the shared secret (written when enrolled)' },
  { flag: '--enrollment-key-file', key: 'enrollmentKeyFile', arg: 'PATH', help: 'file holding an enrollment key' },
  {
    flag: '--kubernetes-token-file',
    key: 'kubernetesTokenFile',
    arg: 'PATH',
    help: 'projected service-account token (Kubernetes identity)',
  },
  { flag: '--interval', key: 'intervalSeconds', arg: 'SECONDS', help: 'seconds between reports (default 5)' },
  { flag: '--name', key: 'name', arg: 'NAME', help: 'display name (default: the hostname)' },
  { flag: '--group', key: 'group', arg: 'GROUP', help: 'group name' },
  { flag: '--host-root', key: 'hostRoot', arg: 'PATH', help: "where the host's / is mounted when in a container, e.g. /host" },
  { flag: '--ca-file', key: 'caFile', arg: 'PATH', help: "PEM CA file for the dashboard's wss:// certificate" },
];
const CONFIG_FLAG = { flag: '--config', arg: 'PATH', help: 'YAML config file (or SSS_AGENT_CONFIG)' };

export interface CliArgs {
  configPath?: string;
  /** Config keys set by flags; they win over the environment and the file. */
  values: Record<string, string>;
}

/** The flags that configure the agent; `--help` and `--version` are answered before this (answerInfoFlags). */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { values: {} };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const flag = FLAGS.find((f) => f.flag === name);
    if (!flag && name !== CONFIG_FLAG.flag) throw new ConfigError(name, unknownFlag(name, [CONFIG_FLAG.flag, ...FLAGS.map((f) => f.flag)]));
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new ConfigError(name, 'needs a value');
    if (flag) out.values[flag.key] = value;
    else out.configPath = value;
  }
  return out;
}

/** What `--help` prints: every flag, from the same table the parser reads. */
export function helpText(): string {
  const rows = [
    CONFIG_FLAG,
    ...FLAGS,
    { flag: '-h, --help', arg: '', help: 'print this text and exit' },
    { flag: '-v, --version', arg: '', help: 'print the version and exit' },
  ];
  const width = Math.max(...rows.map((r) => `${r.flag} ${r.arg}`.length));
  return [
    'Usage: sss-agent [flags]',
    '',
    "Reports this host's metrics to a SimpleServerStatus dashboard.",
    'Flags win over SSS_AGENT_* environment variables, which win over the config file.',
    '',
    ...rows.map((r) => `  ${`${r.flag} ${r.arg}`.padEnd(width)}  ${r.help}`),
    '',
  ].join('\n');
}
