import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { parse } from 'yaml';
import { ROOT } from '../support/dashboard-process';

// There is no Docker engine here: the images' recipes are linted, and what they must hold is asserted.
// What they copy is built and run by other tests (the agent bundle in agent-bundle.e2e-spec.ts, the dashboard everywhere).

const DOCKER = join(ROOT, 'deploy/docker');
/** Every check of dockerfile-utils as an error, so none is a mere warning. */
const STRICT = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile: continuation lines joined, comments and blank lines left out. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .map((line) => {
      const [, keyword, args] = /^\s*(\S+)\s*(.*)$/.exec(line)!;
      return { keyword: keyword.toUpperCase(), args: args.trim() };
    });
}

/** The instructions of the last stage: what the image is. */
function finalStage(all: Instruction[]): Instruction[] {
  const from = all.map((i) => i.keyword).lastIndexOf('FROM');
  return all.slice(from);
}

describe.each([
  ['Dockerfile.dashboard', ['node', '--single-threaded-gc', 'dist/apps/dashboard/main.js']],
  ['Dockerfile.agent', ['node', '/opt/sss-agent/sss-agent.js']],
])('deploy/docker/%s', (file, cmd) => {
  const text = readFileSync(join(DOCKER, file), 'utf8');
  const all = instructions(text);
  const image = finalStage(all);

  it('passes dockerfile-utils with every check as an error', () => {
    expect(validate(text, STRICT)).toEqual([]);
  });

  it('builds in stages from a pinned Node 22 or 24 LTS image, never latest', () => {
    const froms = all.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const base of froms) expect(base).toMatch(/^node:(22|24)\.\d+\.\d+-[a-z]+(-slim)?$/);
    expect(text).not.toMatch(/:latest\b/);
  });

  it('runs as a non-root user given by number, with CMD in exec form and no npm as PID 1', () => {
    const users = image.filter((i) => i.keyword === 'USER');
    expect(users).toHaveLength(1);
    expect(users[0].args).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const cmds = image.filter((i) => i.keyword === 'CMD');
    expect(cmds).toHaveLength(1);
    expect(JSON.parse(cmds[0].args)).toEqual(cmd);
    expect(image.filter((i) => i.keyword === 'ENTRYPOINT')).toEqual([]);
    expect(all.filter((i) => /NODE_OPTIONS/.test(i.args))).toEqual([]);
  });

  it('puts no build tool chain or dev dependencies in the image', () => {
    const copies = image.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.every((c) => c.startsWith('--from='))).toBe(true);
    expect(image.some((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args))).toBe(false);
    if (file === 'Dockerfile.dashboard') {
      expect(all.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
    } else {
      // Node and one file: nothing else is copied into the agent's image.
      expect(copies).toEqual(['--from=build /src/dist/agent-bundle/sss-agent.js /opt/sss-agent/sss-agent.js']);
    }
  });
});

describe('the Dockerfile checks', () => {
  it('fail a recipe with a misspelled instruction or a shell-form CMD', () => {
    expect(validate('FROM node:24.11.1-bookworm-slim\nRUNN true\n', STRICT)).toEqual([
      expect.objectContaining({ message: 'Unknown instruction: RUNN' }),
    ]);
    const shellForm = instructions('FROM node:24.11.1-bookworm-slim\nCMD node main.js\n').find((i) => i.keyword === 'CMD')!;
    expect(() => JSON.parse(shellForm.args) as unknown).toThrow();
  });
});

describe('deploy/docker/compose.yaml', () => {
  const compose = parse(readFileSync(join(DOCKER, 'compose.yaml'), 'utf8')) as {
    services: Record<
      string,
      { image: string; profiles?: string[]; read_only?: boolean; cap_drop?: string[]; volumes?: string[]; user?: string }
    >;
  };
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('runs the dashboard and an agent, and PostgreSQL only with its profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['agent', 'dashboard', 'postgres']);
    expect(compose.services.postgres.profiles).toEqual(['postgres']);
    expect(compose.services.dashboard.profiles).toBeUndefined();
    expect(compose.services.agent.profiles).toBeUndefined();
  });

  it('pins every image, ours to the version in package.json', () => {
    expect(compose.services.dashboard.image).toMatch(new RegExp(`/sss-dashboard:${version.replace(/\./g, '\\.')}$`));
    expect(compose.services.agent.image).toMatch(new RegExp(`/sss-agent:${version.replace(/\./g, '\\.')}$`));
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+\.\d+/);
  });

  it("keeps our containers read-only without capabilities, the host's / read-only in the agent's", () => {
    for (const name of ['dashboard', 'agent']) expect(compose.services[name]).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    expect(compose.services.agent.volumes).toEqual(['/:/host:ro,rslave']);
  });
});
