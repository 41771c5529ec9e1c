import type { InstallCommands } from '@sss/contracts';

/** The agent image's tag: the version of this build. */
const AGENT_IMAGE = 'ghcr.io/simpleserverstatus/sss-agent:0.1.0';

/**
 * Commands that start an agent for `serverId` with `secret` against the
 * dashboard at `reportUrl`: a config file for the systemd unit of
 * deploy/systemd (the agent installed as docs/deploy.md says), or a container.
 */
export function installCommands(reportUrl: string, serverId: string, secret: string): InstallCommands {
  const yaml = [`server: ${reportUrl}`, `id: ${serverId}`, `secret: ${secret}`].join('\n');
  return {
    systemd: [
      'sudo install -d -m 0755 /etc/sss-agent',
      `printf '%s\\n' ${yaml
        .split('\n')
        .map((line) => shellQuote(line))
        .join(' ')} | sudo install -m 0600 /dev/stdin /etc/sss-agent/agent.yaml`,
      'sudo systemctl enable --now sss-agent',
    ].join(' && '),
    container: [
      'docker run -d --name sss-agent --restart unless-stopped --pid host --network host',
      '-v /:/host:ro,rslave',
      `-e SSS_AGENT_SERVER=${shellQuote(reportUrl)}`,
      `-e SSS_AGENT_ID=${shellQuote(serverId)}`,
      `-e SSS_AGENT_SECRET=${shellQuote(secret)}`,
      `${AGENT_IMAGE} node /opt/sss-agent/sss-agent.js --host-root /host`,
    ].join(' '),
  };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
