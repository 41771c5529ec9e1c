import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { enrollCommands, installCommands } from './install-commands';

const URL = 'wss://status.example.com/ws-report';

/** The agent.yaml the systemd command writes, run by a real shell with the file written here instead of /etc. */
function agentYaml(systemd: string): unknown {
  const printf = systemd.split(' && ').find((part) => part.startsWith('printf '))!;
  const file = join(mkdtempSync(join(tmpdir(), 'sss-install-')), 'agent.yaml');
  execFileSync('sh', ['-c', `${printf.replace(/\| sudo install .*$/, '> "$FILE"')}`], { env: { ...process.env, FILE: file } });
  return parse(readFileSync(file, 'utf8'));
}

describe('the agent commands of the admin API', () => {
  it('installs a server with its secret, quoted for the shell whatever it holds', () => {
    const { systemd, container } = installCommands(URL, 'web-1', "it's a secret");
    expect(agentYaml(systemd)).toEqual({ server: URL, id: 'web-1', secret: "it's a secret" });
    expect(container).toContain(`-e SSS_AGENT_SECRET='it'\\''s a secret'`);
  });

  it("enrolls with a key as the host's short name, keeping the secret it is given where the unit and the image can write", () => {
    const { systemd, container, env } = enrollCommands(URL, 'the-enrollment-key');
    const hostname = execFileSync('hostname', ['-s'], { encoding: 'utf8' }).trim();
    expect(agentYaml(systemd)).toEqual({
      server: URL,
      id: hostname,
      enrollmentKey: 'the-enrollment-key',
      secretFile: '/var/lib/sss-agent/secret',
    });
    expect(container).toContain('-v sss-agent:/var/lib/sss-agent ');
    expect(container).toContain(`-e SSS_AGENT_ID="$(hostname -s)" -e SSS_AGENT_ENROLLMENT_KEY='the-enrollment-key'`);
    expect(env.split('\n')).toEqual([
      `SSS_AGENT_SERVER=${URL}`,
      "SSS_AGENT_ID=<an id the key's idPattern allows>",
      'SSS_AGENT_ENROLLMENT_KEY=the-enrollment-key',
      'SSS_AGENT_SECRET_FILE=/var/lib/sss-agent/secret',
    ]);
  });
});
