import { REPORT_PATH, type EnrollCommands, type InstallCommands } from '@sss/contracts';
import type { Request } from 'express';

/** The agent image's tag: the version of this build. */
const AGENT_IMAGE = 'ghcr.io/simpleserverstatus/sss-agent:0.1.0';

/** Where an enrolling agent keeps the secret it is given: the systemd unit's StateDirectory, the container's volume. */
const ENROLLED_SECRET_FILE = '/var/lib/sss-agent/secret';

/** The /ws-report address of the dashboard that answered `req`, as the browser reached it. */
export function reportUrlOf(req: Request): string {
  return `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.get('host')}${REPORT_PATH}`;
}

/**
 * Commands that start an agent for `serverId` with `secret` against the
 * dashboard at `reportUrl`: a config file for the systemd unit of
 * deploy/systemd (the agent installed as docs/deploy.md says), or a container.
 */
export function installCommands(reportUrl: string, serverId: string, secret: string): InstallCommands {
  const settings: Setting[] = [
    { key: 'server', env: 'SSS_AGENT_SERVER', value: reportUrl },
    { key: 'id', env: 'SSS_AGENT_ID', value: serverId },
    { key: 'secret', env: 'SSS_AGENT_SECRET', value: secret },
  ];
  return { systemd: systemdCommand(settings), container: containerCommand(settings, []) };
}

/**
 * Commands that start an agent which enrolls with `enrollmentKey` as this
 * host's short name and keeps the secret it is given: the same two as
 * installCommands, and the environment variables for any other way to run it.
 */
export function enrollCommands(reportUrl: string, enrollmentKey: string): EnrollCommands {
  const settings: Setting[] = [
    { key: 'server', env: 'SSS_AGENT_SERVER', value: reportUrl },
    { key: 'id', env: 'SSS_AGENT_ID', shell: '$(hostname -s)' },
    { key: 'enrollmentKey', env: 'SSS_AGENT_ENROLLMENT_KEY', value: enrollmentKey },
    { key: 'secretFile', env: 'SSS_AGENT_SECRET_FILE', value: ENROLLED_SECRET_FILE },
  ];
  return {
    systemd: systemdCommand(settings),
    container: containerCommand(settings, ['-v sss-agent:/var/lib/sss-agent']),
    env: settings.map(({ env, value }) => `${env}=${value ?? "<an id the key's idPattern allows>"}`).join('\n'),
  };
}

/** One agent setting: its agent.yaml key, its environment variable, and a value, or a shell expression for one (in double quotes). */
type Setting = { key: string; env: string } & ({ value: string; shell?: undefined } | { shell: string; value?: undefined });

/** agent.yaml as README's host install leaves it: readable by the unit's sss-agent group, by nobody else. */
function systemdCommand(settings: Setting[]): string {
  const lines = settings.map(({ key, value, shell }) => (shell === undefined ? shellQuote(`${key}: ${value}`) : `"${key}: ${shell}"`));
  return [
    'sudo install -d -m 0755 /etc/sss-agent',
    `printf '%s\\n' ${lines.join(' ')} | sudo install -o root -g sss-agent -m 0640 /dev/stdin /etc/sss-agent/agent.yaml`,
    'sudo systemctl enable --now sss-agent',
  ].join(' && ');
}

function containerCommand(settings: Setting[], volumes: string[]): string {
  return [
    'docker run -d --name sss-agent --restart unless-stopped --pid host --network host',
    '-v /:/host:ro,rslave',
    ...volumes,
    ...settings.map(({ env, value, shell }) => `-e ${env}=${shell === undefined ? shellQuote(value) : `"${shell}"`}`),
    `${AGENT_IMAGE} node /opt/sss-agent/sss-agent.js --host-root /host`,
  ].join(' ');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
