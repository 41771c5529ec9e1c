import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { applyEnvOverrides, ConfigReader, COUNTRY_CODE, readSecret, readSecretFile, readYamlFile } from '@sss/config';
import { DEFAULT_PORT, DEFAULT_REPORT_INTERVAL_MS, Limits, REPORT_PATH, SERVER_ID_PATTERN } from '@sss/contracts/constants';
import { DEFAULT_EXCLUDE_INTERFACES } from '../collector/exclusion-rules';
import type { AgentConfig } from './agent-config';
import type { CliArgs } from './cli-flags';

const ENV_PREFIX = 'SSS_AGENT_';
/** Environment variables that configure the process, not a config key. */
const RESERVED_ENV = ['SSS_AGENT_CONFIG'];
const KEYS = [
  'server',
  'id',
  'secret',
  'secretFile',
  'secretEnv',
  'enrollmentKey',
  'enrollmentKeyFile',
  'kubernetesTokenFile',
  'intervalSeconds',
  'name',
  'group',
  'countryCode',
  'location',
  'ip',
  'ipLookupUrl',
  'caFile',
  'hostRoot',
  'diskRefreshSeconds',
  'gpuRefreshSeconds',
  'excludeInterfaces',
];
const SECRET_KEYS = ['secret', 'secretFile', 'secretEnv'];
const ENROLLMENT_KEY_KEYS = ['enrollmentKey', 'enrollmentKeyFile'];
/** Forms of one setting: one given by a stronger source replaces all of them from a weaker one. */
const ALTERNATIVES = [SECRET_KEYS, ENROLLMENT_KEY_KEYS];

/** File (`--config` or SSS_AGENT_CONFIG), then SSS_AGENT_* variables, then flags; each wins over the one before. */
export function loadAgentConfig(args: CliArgs, env: NodeJS.ProcessEnv): AgentConfig {
  const path = args.configPath ?? (env.SSS_AGENT_CONFIG || undefined);
  const raw = path ? readYamlFile(path) : {};
  const fromEnv: Record<string, unknown> = {};
  applyEnvOverrides(fromEnv, env, ENV_PREFIX, RESERVED_ENV);
  overlay(raw, fromEnv);
  overlay(raw, args.values);

  const r = new ConfigReader(raw).allowOnly(KEYS);
  const text = { maxLength: Limits.TEXT_MAX_LENGTH };
  return {
    serverUrl: serverUrl(r),
    id: r.str('id', undefined, { pattern: SERVER_ID_PATTERN }),
    ...readCredentials(r, env),
    intervalMs: r.int('intervalSeconds', DEFAULT_REPORT_INTERVAL_MS / 1000, { min: 1, max: 3600 }) * 1000,
    name: r.optionalStr('name', text),
    group: r.optionalStr('group', text),
    countryCode: r.optionalStr('countryCode', COUNTRY_CODE)?.toUpperCase(),
    location: r.optionalStr('location', text),
    ip: r.optionalStr('ip', text),
    ipLookupUrl: r.optionalStr('ipLookupUrl', { pattern: /^https?:\/\/\S+$/, patternHint: 'an http:// or https:// URL' }),
    caFile: readableFile(r, 'caFile'),
    hostRoot: hostRoot(r),
    diskRefreshMs: r.int('diskRefreshSeconds', 60, { min: 1, max: 86_400 }) * 1000,
    gpuRefreshMs: r.int('gpuRefreshSeconds', 15, { min: 1, max: 86_400 }) * 1000,
    excludeInterfaces: r.strList('excludeInterfaces', DEFAULT_EXCLUDE_INTERFACES),
  };
}

/** A secret (or enrollment key) given by a stronger source replaces any form of it from a weaker one. */
function overlay(target: Record<string, unknown>, layer: Record<string, unknown>): void {
  for (const keys of ALTERNATIVES) if (keys.some((k) => k in layer)) for (const k of keys) delete target[k];
  Object.assign(target, layer);
}

type Credentials = Pick<AgentConfig, 'secret' | 'enrollmentKey' | 'enrolledSecretFile' | 'kubernetesTokenFile'>;

/** One way to authenticate: a Kubernetes token file, an enrollment key with the file for the secret it gets, or a secret. */
function readCredentials(r: ConfigReader, env: NodeJS.ProcessEnv): Credentials {
  const kubernetesTokenFile = readableFile(r, 'kubernetesTokenFile');
  if (kubernetesTokenFile) {
    const other = [...SECRET_KEYS, ...ENROLLMENT_KEY_KEYS].find((k) => r.has(k));
    if (other) throw r.error(other, 'give either kubernetesTokenFile or a secret, not both');
    return { kubernetesTokenFile };
  }
  const keyForms = ENROLLMENT_KEY_KEYS.filter((k) => r.has(k));
  if (keyForms.length === 0) return { secret: readSecret(r, env) };
  if (keyForms.length > 1) throw r.error('enrollmentKey', 'give only one of enrollmentKey, enrollmentKeyFile');
  const inline = ['secret', 'secretEnv'].find((k) => r.has(k));
  if (inline) throw r.error(inline, 'with an enrollment key, the secret is kept in secretFile');
  if (!r.has('secretFile'))
    throw r.error('secretFile', 'is required with an enrollment key: the secret the dashboard gives is written there');
  return {
    // Enrolled at an earlier start: the stored secret is used, the key no longer.
    secret: readSecretFile(r, 'secretFile', true),
    enrollmentKey: r.has('enrollmentKey') ? r.str('enrollmentKey') : readSecretFile(r, 'enrollmentKeyFile'),
    enrolledSecretFile: r.str('secretFile'),
  };
}

/** A bare `host[:port]` means ws://host:8900; a URL is taken as given, its path defaulting to /ws-report. */
function serverUrl(r: ConfigReader): string {
  const value = r.str('server');
  const bare = !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  let url: URL;
  try {
    url = new URL(bare ? `ws://${value}` : value);
  } catch {
    throw r.error('server', `not a valid URL or host: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw r.error('server', `must be a ws:// or wss:// URL, got ${url.protocol}//`);
  if (bare && !url.port) url.port = String(DEFAULT_PORT);
  if (url.pathname === '/') url.pathname = REPORT_PATH;
  return url.toString();
}

function readableFile(r: ConfigReader, key: string): string | undefined {
  const file = r.optionalStr(key);
  if (file === undefined) return undefined;
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw r.error(key, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return file;
}

function hostRoot(r: ConfigReader): string {
  const given = r.str('hostRoot', '/');
  if (!isAbsolute(given)) throw r.error('hostRoot', `must be an absolute path, got ${JSON.stringify(given)}`);
  const root = resolve(given);
  if (root === '/') return root;
  try {
    statSync(join(root, 'proc/stat'));
  } catch {
    throw r.error('hostRoot', `${root}/proc/stat not found: mount the host's / (with /proc) there`);
  }
  return root;
}
