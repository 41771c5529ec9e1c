import { exampleServerInfo, REPORT_PATH } from '@sss/contracts';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parse, parseAllDocuments } from 'yaml';
import { ensureKubectl } from '../../scripts/ensure-kubectl';
import { DashboardProcess, ROOT } from '../support/dashboard-process';
import { createTestDatabase } from '../support/postgres-cluster';
import { agentSocket, opened } from '../support/ws-clients';

// docs/deploy.md promises that every command in it is checked here: each shell line must match one rule below,
// which renders, runs or looks up what the command names. A line no rule knows fails the test.

const DOC = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
/** The lines of the doc's bash blocks: comments and blank lines left out, continuation lines joined. */
const LINES = [...DOC.matchAll(/```bash\n([^]*?)```/g)]
  .flatMap((m) => m[1].replace(/\\\n\s*/g, ' ').split('\n'))
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
}
const kubectl = ensureKubectl();
const renders = new Map<string, K8sObject[]>();
function rendered(dir: string): K8sObject[] {
  if (!renders.has(dir)) {
    const text = execFileSync(kubectl, ['kustomize', join(ROOT, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    renders.set(
      dir,
      parseAllDocuments(text).map((d) => d.toJS() as K8sObject),
    );
  }
  return renders.get(dir)!;
}
const applied = () => LINES.flatMap((l) => /^kubectl apply -k (\S+)$/.exec(l)?.[1] ?? []).flatMap(rendered);
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const compose = parse(readFileSync(join(ROOT, 'deploy/docker/compose.yaml'), 'utf8')) as {
  services: Record<string, { image: string; profiles?: string[] }>;
};

/** Each rule: the lines it checks, and the check. */
const RULES: Array<{ name: string; match: RegExp; check: (m: RegExpExecArray) => void }> = [
  {
    name: 'a kustomization that renders',
    match: /^kubectl apply -k (deploy\/k8s\/\S+)$/,
    check: ([, dir]) => expect(rendered(dir).length).toBeGreaterThan(0),
  },
  {
    name: 'a namespace the manifests use',
    match: /^kubectl create namespace (\S+)$/,
    check: ([, ns]) => expect(applied().some((o) => o.kind === 'Namespace' && o.metadata.name === ns)).toBe(true),
  },
  {
    name: "a Secret the manifests read, in its object's namespace",
    match: /^kubectl -n (\S+) create secret generic (\S+) (--from-literal=\w+=.+)$/,
    check: ([, ns, name, literal]) => {
      const key = /--from-literal=(\w+)=/.exec(literal)![1];
      const readers = applied().filter((o) => (o.metadata.namespace ?? '') === ns && JSON.stringify(o).includes(`"${name}"`));
      expect([name, readers.length > 0]).toEqual([name, true]);
      expect(
        readers.some((o) =>
          new RegExp(`"(secretName|name)":"${name}"[^}]*"key":"${key}"|"key":"${key}"[^}]*"name":"${name}"|"secretName":"${name}"`).test(
            JSON.stringify(o),
          ),
        ),
      ).toBe(true);
    },
  },
  {
    name: 'a workload the manifests define',
    match: /^kubectl -n (\S+) rollout (status|undo) (deployment|daemonset)\/(\S+)$/,
    check: ([, ns, , kind, name]) =>
      expect(applied().some((o) => o.kind.toLowerCase() === kind && o.metadata.name === name && o.metadata.namespace === ns)).toBe(true),
  },
  {
    name: 'a Dockerfile (linted in dockerfiles.e2e-spec.ts), tagged as the manifests and compose.yaml name the image',
    match: /^docker build -f (deploy\/docker\/Dockerfile\.(\w+)) -t (\S+) \.$/,
    check: ([, file, app, image]) => {
      expect(existsSync(join(ROOT, file))).toBe(true);
      expect(compose.services[app].image).toBe(image);
      expect(JSON.stringify(rendered('deploy/k8s/overlays/single'))).toContain(`"image":"${image}"`);
    },
  },
  {
    name: 'compose.yaml, with a profile it has',
    match: /^docker compose -f (deploy\/docker\/compose\.yaml)(?: --profile (\w+))? up -d --build$/,
    check: ([, , profile]) => {
      if (profile) expect(Object.values(compose.services).some((s) => s.profiles?.includes(profile))).toBe(true);
    },
  },
  {
    name: 'a package.json script (build:agent-bundle runs in agent-bundle.e2e-spec.ts)',
    match: /^npm run (\S+)$/,
    check: ([, script]) => expect(scripts[script]).toBeDefined(),
  },
  {
    name: 'host setup under systemd: the files it copies exist',
    match: /^(sudo |\(cd )(.*)$/,
    check: ([, , rest]) => {
      for (const path of rest.match(/\b(deploy|config)\/[\w./-]+/g) ?? [])
        expect([path, existsSync(join(ROOT, path))]).toEqual([path, true]);
    },
  },
  {
    name: 'the SQLite backup: run below against a running dashboard',
    match: /^node -e "require\('better-sqlite3'\).*VACUUM INTO.*" \/data\/sss\.db \/data\/backup\.db$/,
    check: () => undefined,
  },
  {
    name: 'the PostgreSQL backup and restore: run below',
    match: /^pg_(dump|restore) .*"\$SSS_STORAGE_URL".*$/,
    check: () => undefined,
  },
];

describe('docs/deploy.md', () => {
  it('has commands, and every one is checked by a rule', () => {
    expect(LINES.length).toBeGreaterThan(15);
    expect(LINES.filter((line) => !RULES.some((r) => r.match.test(line)))).toEqual([]);
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_, rule) => {
    const lines = LINES.filter((l) => rule.match.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) rule.check(rule.match.exec(line)!);
  });
});

/** The shell words of the doc's line matching `pattern`: quotes removed, `\"` inside double quotes unescaped (all these lines use). */
function shellWords(pattern: RegExp): string[] {
  const line = LINES.find((l) => pattern.test(l))!;
  return [...line.matchAll(/(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']+)+/g)].map((m) =>
    m[0].replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_, dq?: string, sq?: string) => (dq !== undefined ? dq.replace(/\\(.)/g, '$1') : sq!)),
  );
}

/** A dashboard with one server that has reported, so its database has something to back up. */
async function reportedDashboard(env: NodeJS.ProcessEnv = {}): Promise<DashboardProcess> {
  const dashboard = await DashboardProcess.start({ servers: [{ id: 'web-1', secret: 's1' }], env });
  const agent = agentSocket(dashboard.url(REPORT_PATH), 'web-1', 's1');
  await opened(agent);
  agent.send(JSON.stringify(exampleServerInfo({ serverId: 'web-1' })));
  for (const deadline = Date.now() + 10_000; !(await dashboard.servers()).length;) {
    if (Date.now() > deadline) throw new Error('the report never reached the dashboard');
    await new Promise((r) => setTimeout(r, 100));
  }
  agent.close();
  return dashboard;
}

describe('the backup commands of docs/deploy.md', () => {
  it('copies the SQLite database of a running dashboard with VACUUM INTO', async () => {
    const dashboard = await reportedDashboard();
    const backup = join(mkdtempSync(join(tmpdir(), 'sss-backup-')), 'backup.db');
    try {
      const [node, ...args] = shellWords(/VACUUM INTO/);
      expect(node).toBe('node');
      // The doc's paths are the image's; here the test dashboard's file and a temp folder.
      execFileSync(process.execPath, [...args.slice(0, -2), join(dashboard.dir, 'sss.db'), backup], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      await dashboard.stop();
    }
    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      expect(tables.length).toBeGreaterThan(1);
    } finally {
      copy.close();
    }
  }, 60_000);

  it("dumps a dashboard's PostgreSQL database with pg_dump and restores it into another with pg_restore", async () => {
    const source = await createTestDatabase();
    const target = await createTestDatabase();
    const dashboard = await reportedDashboard({ SSS_STORAGE_URL: source });
    await dashboard.stop(); // saves the latest report at shutdown
    const dump = join(mkdtempSync(join(tmpdir(), 'sss-pgdump-')), 'sss.dump');
    const run = (pattern: RegExp, url: string) => {
      const [command, ...args] = shellWords(pattern);
      execFileSync(
        command,
        args.map((a) =>
          a
            .replace('$SSS_STORAGE_URL', url)
            .replace(/^--file=sss\.dump$/, `--file=${dump}`)
            .replace(/^sss\.dump$/, dump),
        ),
        {
          stdio: 'pipe',
        },
      );
    };
    run(/^pg_dump /, source);
    run(/^pg_restore /, target);
    const count = async (url: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ n: string }>('SELECT count(*) AS n FROM latest_report')).rows[0].n;
      } finally {
        await client.end();
      }
    };
    expect(await count(target)).toBe(await count(source));
    expect(await count(target)).toBe('1');
  }, 60_000);
});
