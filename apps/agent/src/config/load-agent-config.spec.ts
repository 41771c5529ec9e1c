import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HostRootFixture } from '../../../../test/agent/support/host-root-fixture';
import { DEFAULT_EXCLUDE_INTERFACES } from '../collector/exclusion-rules';
import { helpText, parseCliArgs } from './cli-flags';
import { loadAgentConfig } from './load-agent-config';

const dir = mkdtempSync(join(tmpdir(), 'sss-agent-config-'));
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}
const configFile = (doc: object) => file(`c${Math.random()}.yaml`, stringify(doc));
const load = (argv: string[], env: NodeJS.ProcessEnv = {}) => loadAgentConfig(parseCliArgs(argv), env);
const minimal = ['--server', 'dash.example.com', '--id', 'web-1', '--secret', 's3cret'];

describe('loadAgentConfig', () => {
  it('applies defaults around the required keys', () => {
    expect(load(minimal)).toEqual({
      serverUrl: 'ws://dash.example.com:8900/ws-report',
      id: 'web-1',
      secret: 's3cret',
      intervalMs: 5000,
      hostRoot: '/',
      diskRefreshMs: 60_000,
      gpuRefreshMs: 15_000,
      excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
    });
  });

  it.each([
    ['dash:9000', 'ws://dash:9000/ws-report'],
    ['ws://dash:8900', 'ws://dash:8900/ws-report'],
    ['wss://dash.example.com', 'wss://dash.example.com/ws-report'],
    ['wss://dash.example.com/sss/ws-report', 'wss://dash.example.com/sss/ws-report'],
    ['[::1]:8900', 'ws://[::1]:8900/ws-report'],
  ])('reads server %s as %s', (server, url) => {
    expect(load(['--server', server, '--id', 'a', '--secret', 's']).serverUrl).toBe(url);
  });

  it('lets flags win over the environment, and the environment over the file', () => {
    const path = configFile({
      server: 'file-host',
      id: 'from-file',
      secret: 'file-secret',
      group: 'file-group',
      name: 'file-name',
      intervalSeconds: 10,
    });
    const env = { SSS_AGENT_ID: 'from-env', SSS_AGENT_GROUP: 'env-group', SSS_AGENT_INTERVAL_SECONDS: '7' };
    const config = load(['--config', path, '--group', 'flag-group', '--interval', '2'], env);
    expect(config).toMatchObject({
      serverUrl: 'ws://file-host:8900/ws-report',
      id: 'from-env',
      group: 'flag-group',
      name: 'file-name',
      intervalMs: 2000,
      secret: 'file-secret',
    });
  });

  it('finds the file through SSS_AGENT_CONFIG, and --config wins over it', () => {
    const a = configFile({ server: 'a', id: 'from-a', secret: 's' });
    const b = configFile({ server: 'b', id: 'from-b', secret: 's' });
    expect(load([], { SSS_AGENT_CONFIG: a }).id).toBe('from-a');
    expect(load(['--config', b], { SSS_AGENT_CONFIG: a }).id).toBe('from-b');
  });

  it('lets a stronger source replace the secret whatever its form', () => {
    const secretFile = file('secret.txt', 'from-file-secret\n');
    const path = configFile({ server: 'h', id: 'a', secret: 'inline' });
    expect(load(['--config', path, '--secret-file', secretFile]).secret).toBe('from-file-secret');
    expect(load(['--config', path], { SSS_AGENT_SECRET_FILE: secretFile }).secret).toBe('from-file-secret');
    expect(load(['--config', path, '--secret', 'flag'], { SSS_AGENT_SECRET_FILE: secretFile }).secret).toBe('flag');
  });

  it("accepts a host root that holds the host's /proc", () => {
    const host = new HostRootFixture();
    expect(load([...minimal, '--host-root', host.root]).hostRoot).toBe(host.root);
    expect(load(minimal, { SSS_AGENT_HOST_ROOT: `${host.root}/` }).hostRoot).toBe(host.root);
  });

  it('reads lists and options from the environment', () => {
    const config = load(minimal, {
      SSS_AGENT_EXCLUDE_INTERFACES: 'lo, docker*',
      SSS_AGENT_COUNTRY_CODE: 'de',
      SSS_AGENT_LOCATION: 'Berlin',
      SSS_AGENT_GPU_REFRESH_SECONDS: '30',
    });
    expect(config).toMatchObject({ excludeInterfaces: ['lo', 'docker*'], countryCode: 'DE', location: 'Berlin', gpuRefreshMs: 30_000 });
  });

  it('enrolls with a key until the secret file exists, then uses the stored secret', () => {
    const secretFile = join(dir, `enrolled-${Math.random()}`);
    const keyFile = file('enrollment-key', 'the-key\n');
    const args = ['--server', 'h', '--id', 'a', '--secret-file', secretFile, '--enrollment-key-file', keyFile];
    expect(load(args)).toMatchObject({ secret: undefined, enrollmentKey: 'the-key', enrolledSecretFile: secretFile });
    writeFileSync(secretFile, 'given-secret\n');
    expect(load(args)).toMatchObject({ secret: 'given-secret', enrollmentKey: 'the-key', enrolledSecretFile: secretFile });
  });

  it('takes a Kubernetes token file instead of a secret', () => {
    const token = file('k8s-token', 'a.b.c');
    const config = load(['--server', 'h', '--id', 'node-1'], { SSS_AGENT_KUBERNETES_TOKEN_FILE: token });
    expect([config.kubernetesTokenFile, config.secret]).toEqual([token, undefined]);
  });

  it.each([
    [[], {}, /^config: server: is required$/],
    [['--server', 'h', '--secret', 's'], {}, /^config: id: is required$/],
    [['--server', 'h', '--id', 'a'], {}, /^config: secret: one of secret, secretFile or secretEnv is required$/],
    [['--server', 'http://h', '--id', 'a', '--secret', 's'], {}, /^config: server: must be a ws:\/\/ or wss:\/\/ URL/],
    [[...minimal, '--id', 'bad id'], {}, /^config: id: must match/],
    [[...minimal, '--interval', '0'], {}, /^config: intervalSeconds: must be >= 1/],
    [[...minimal, '--interval', 'soon'], {}, /^config: intervalSeconds: must be an integer/],
    [minimal, { SSS_AGENT_GPU_REFRESH_SECONDS: '0' }, /^config: gpuRefreshSeconds: must be >= 1/],
    [[...minimal, '--host-root', 'host'], {}, /^config: hostRoot: must be an absolute path/],
    [[...minimal, '--host-root', '/nonexistent-root'], {}, /^config: hostRoot: \/nonexistent-root\/proc\/stat not found/],
    [[...minimal, '--ca-file', '/nonexistent.pem'], {}, /^config: caFile: cannot read \/nonexistent.pem \(ENOENT\)/],
    [['--server', 'h', '--id', 'a', '--secret-file', '/nonexistent'], {}, /^config: secretFile: cannot read/],
    [[...minimal, '--secret-file', file('one-more-secret', 'x')], {}, /^config: secret: give only one of secret, secretFile/],
    [minimal, { SSS_AGENT_COUNTRY_CODE: 'Germany' }, /^config: countryCode: must match two letters/],
    [minimal, { SSS_AGENT_INTERVL_SECONDS: '3' }, /^config: intervlSeconds: unknown key, did you mean intervalSeconds\?$/],
    [['--config', file('interval.yaml', 'interval: 5\n')], {}, /^config: interval: unknown key, did you mean intervalSeconds\?$/],
    [
      ['--config', file('broken.yaml', 'server: ws://h\nid: [a\n')],
      {},
      /^config: .*broken\.yaml: not valid YAML: .* at line 3, column 1, after line 2: "id: \[a"$/,
    ],
    [[...minimal, '--verbose'], {}, /^config: --verbose: unknown flag \(see --help\)$/],
    [[...minimal, '--intervl', '3'], {}, /^config: --intervl: unknown flag, did you mean --interval\? \(see --help\)$/],
    [[...minimal, '--name'], {}, /^config: --name: needs a value/],
    [['--server', 'h', '--id', 'a'], { SSS_AGENT_ENROLLMENT_KEY: 'k' }, /^config: secretFile: is required with an enrollment key/],
    [
      ['--server', 'h', '--id', 'a', '--secret', 's'],
      { SSS_AGENT_ENROLLMENT_KEY: 'k' },
      /^config: secret: with an enrollment key, the secret is kept in secretFile$/,
    ],
    [
      ['--server', 'h', '--id', 'a', '--secret-file', '/x'],
      { SSS_AGENT_ENROLLMENT_KEY: 'k', SSS_AGENT_ENROLLMENT_KEY_FILE: '/nonexistent-key' },
      /^config: enrollmentKey: give only one of enrollmentKey, enrollmentKeyFile$/,
    ],
    [[...minimal, '--kubernetes-token-file', file('token-1', 'x.y.z')], {}, /^config: secret: give either kubernetesTokenFile or a secret/],
    [['--server', 'h', '--id', 'a', '--kubernetes-token-file', '/nonexistent-token'], {}, /^config: kubernetesTokenFile: cannot read/],
  ])('rejects %j %j naming the key', (argv, env, message) => {
    expect(() => load(argv, env)).toThrow(message);
  });

  it('never puts the secret into an error message', () => {
    const messages: string[] = [];
    for (const argv of [
      [...minimal, '--id', 'bad id'],
      [...minimal, '--interval', 'x'],
      ['--secret', 's3cret', '--secret-file', '/nope', '--id', 'a', '--server', 'h'],
    ]) {
      try {
        load(argv);
      } catch (err) {
        messages.push((err as Error).message);
      }
    }
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).not.toContain('s3cret');
  });
});

describe('helpText', () => {
  it('lists every flag, --help and --version included', () => {
    for (const flag of [
      '-h, --help',
      '-v, --version',
      '--config',
      '--server',
      '--id',
      '--secret',
      '--secret-file',
      '--interval',
      '--name',
      '--group',
      '--host-root',
      '--ca-file',
    ]) {
      expect(helpText()).toContain(flag);
    }
  });
});
