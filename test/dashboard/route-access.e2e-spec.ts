import { ADMIN_PATHS, ADMIN_SERVERS_PATH, AUTH_PATHS, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import WebSocket from 'ws';
import { type AppRoute, appRoutes, routeName } from '../support/app-routes';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, type Closed, closed, FrontendClient, opened, until, upgradeStatus, withTimeout } from '../support/ws-clients';

const ROOT_PASSWORD = 'route-access root password';
const VIEWER_PASSWORD = 'route-access viewer password';
const METRICS_TOKEN = 'route-access-metrics-token';
const FOREIGN = 'http://evil.example';
const SERVERS = [
  { id: 'open-1', secret: 'route-access open secret' },
  { id: 'quiet-1', secret: 'route-access quiet secret', hidden: true },
];
/** What would give the hidden server away: its id, and the name and hostname its reports carry. */
const HIDDEN_MARKS = ['quiet-1', 'Quiet Host', 'quiet-host.internal'];
/** How a hidden server's own route answers a caller who may not see it: as for an id that does not exist. */
const HIDDEN_AS_UNKNOWN = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'unknown server "quiet-1"' });
/** A parameter of a state-changing route: a target that does not exist, so an allowed call changes nothing. */
const NO_SUCH = 'no-such-target';
/** OpenID Connect configured so that its routes exist; nothing listens on port 1, so its login answers 503. */
const OIDC = {
  issuer: 'http://127.0.0.1:1',
  clientId: 'sss',
  clientSecret: 'route-access-oidc-secret',
  roleClaim: 'groups',
  adminValues: ['sss-admins'],
};
/** Page paths of the console: any path that is not the API's gets its index.html. */
const PAGES = ['/', '/login', '/setup', '/admin', '/servers/quiet-1'];

/**
 * The rules, one per route pattern (`METHOD /path`, `WS /path` for a WebSocket).
 * Every route the running dashboard answers must match one (the first that
 * matches applies), so a route added later without a rule fails the test; any
 * `/api/admin/*` route is an admin route whatever its name.
 * - access: who may use it, see OUTCOMES.
 * - hidden: 'list' answers hold every server the caller may see (the hidden one
 *   only for a signed-in caller or a token); 'per-server' routes (`:id`) answer
 *   404 for the hidden one to anyone else, as for an unknown id.
 * - endsSession: walked last, since it signs the callers out.
 */
const RULES: Rule[] = [
  { route: /^GET \/(healthz|readyz)$/, access: 'public' },
  { route: /^POST \/api\/auth\/(login|setup)$/, access: 'public' },
  { route: /^POST \/api\/auth\/logout$/, access: 'public', endsSession: true },
  { route: /^GET \/api\/auth\/oidc(\/login|\/callback)?$/, access: 'public' },
  { route: /^(GET \/api\/auth\/me|POST \/api\/auth\/password)$/, access: 'signed-in' },
  { route: /^[A-Z]+ \/api\/admin\//, access: 'admin' },
  { route: /^GET \/api\/(servers|catalog|traffic|uptime)$/, access: 'board', hidden: 'list' },
  // The board's order of groups: names only, those that only hidden servers have left out for the public (test/catalog).
  { route: /^GET \/api\/catalog\/groups$/, access: 'board' },
  { route: /^GET \/api\/servers\/:id(\/(history|events|traffic))?$/, access: 'board', hidden: 'per-server' },
  // The dashboard's own counts (agents, consoles, rejects, storage): no server is named.
  { route: /^GET \/api\/stats$/, access: 'public' },
  { route: /^GET \/api\/docs(-json|\/[\w.-]+)?$/, access: 'public' },
  { route: /^GET \/metrics$/, access: 'scrape', hidden: 'list' },
  { route: /^WS \/ws-frontend$/, access: 'board', hidden: 'list' },
  { route: /^WS \/ws-report$/, access: 'agents' },
  // The console: index.html (at every page path) and the files it loads.
  { route: /^GET \/([\w-]+\.(js|css|svg|png|ico|woff2?))?$/, access: 'public' },
];

const CALLERS = ['anonymous', 'viewer', 'admin', 'read token', 'admin token', 'anonymous, private board'] as const;

/**
 * What each caller gets from each kind of route:
 * - a status. A WebSocket counts as 200 when it opens and sends the snapshot,
 *   as 401 when it is closed at once with 1008, else as the status that refused the upgrade;
 * - 'open': the access check lets it through: anything but 401, 403 and 5xx
 *   (a state-changing call names a target that does not exist or sends `{}`, so it changes nothing);
 * - 'same': what the anonymous caller of the public board gets, and never 401 or 403.
 * Besides: every state-changing request and `/ws-frontend` with a foreign Origin get 403, whoever asks.
 * The public board's /metrics wants a token (metrics.mode: token), the private board's is public.
 */
const OUTCOMES: Record<Access, Outcome[]> = {
  // In the order of CALLERS: anonymous, viewer, admin, read token, admin token, anonymous on the private board.
  public: ['same', 'same', 'same', 'same', 'same', 'same'],
  board: [200, 200, 200, 200, 200, 401],
  'signed-in': [401, 'open', 'open', 'open', 'open', 401],
  admin: [401, 403, 'open', 403, 'open', 401],
  scrape: [401, 401, 401, 200, 200, 200],
  // /ws-report takes an agent's id and secret, nothing else.
  agents: [401, 401, 401, 401, 401, 401],
};

type Access = 'public' | 'board' | 'signed-in' | 'admin' | 'scrape' | 'agents';
type Outcome = number | 'open' | 'same';
type CallerName = (typeof CALLERS)[number];

interface Rule {
  route: RegExp;
  access: Access;
  hidden?: 'list' | 'per-server';
  endsSession?: true;
}

interface Caller {
  name: CallerName;
  dashboard: DashboardProcess;
  headers: Record<string, string>;
  seesHidden: boolean;
}

interface Answer {
  status: number;
  body: string;
}

const ruleOf = (route: AppRoute): Rule | undefined => RULES.find((rule) => rule.route.test(routeName(route)));

describe('every route with every caller: who gets in, and the hidden server reaches only those allowed to see it', () => {
  jest.setTimeout(120_000);
  let publicBoard: DashboardProcess;
  let privateBoard: DashboardProcess;
  let routes: AppRoute[];
  const callers: Caller[] = [];
  const agents: WebSocket[] = [];

  /** A dashboard with both servers reporting, Nest's route table in its log, and room for the walk's requests. */
  async function startDashboard(config: Record<string, unknown>, passwordHash: string): Promise<DashboardProcess> {
    const dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: {
        admin: { username: 'root', passwordHash },
        oidc: OIDC,
        limits: { httpRequestsPerSecond: 10_000 },
        ...config,
      },
      env: { SSS_LOG_LEVEL: 'debug' },
    });
    for (const { id, secret } of SERVERS) {
      const agent = agentSocket(dashboard.url(REPORT_PATH), id, secret);
      agents.push(agent);
      await opened(agent);
      agent.send(JSON.stringify(report(id, 1)));
    }
    return dashboard;
  }

  async function login(dashboard: DashboardProcess, username: string, password: string): Promise<string> {
    const res = await fetch(dashboard.url(AUTH_PATHS.login, 'http'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
    await res.text();
    return res.headers.get('set-cookie')!.split(';')[0];
  }

  async function adminCall(dashboard: DashboardProcess, cookie: string, method: string, path: string, body?: unknown) {
    const res = await fetch(dashboard.url(path, 'http'), {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    const passwordHash = await argon2Hash(ROOT_PASSWORD, { type: argon2id });
    publicBoard = await startDashboard({ metrics: { mode: 'token', token: METRICS_TOKEN } }, passwordHash);
    privateBoard = await startDashboard({ board: { public: false }, metrics: { mode: 'public' } }, passwordHash);

    const root = await login(publicBoard, 'root', ROOT_PASSWORD);
    const made = await adminCall(publicBoard, root, 'POST', ADMIN_PATHS.users, {
      username: 'vera',
      role: 'viewer',
      password: VIEWER_PASSWORD,
    });
    expect(made.status).toBe(201);
    const viewer = await login(publicBoard, 'vera', VIEWER_PASSWORD);
    const token = async (scope: string) =>
      (await adminCall(publicBoard, root, 'POST', ADMIN_PATHS.tokens, { name: `${scope} script`, scope })).json.token as string;
    const [readToken, adminToken] = [await token('read'), await token('admin')];
    const as = (name: CallerName, headers: Record<string, string>, dashboard = publicBoard): Caller => ({
      name,
      dashboard,
      headers,
      seesHidden: Object.keys(headers).length > 0,
    });
    callers.push(
      as('anonymous', {}),
      as('viewer', { cookie: viewer }),
      as('admin', { cookie: root }),
      as('read token', { authorization: `Bearer ${readToken}` }),
      as('admin token', { authorization: `Bearer ${adminToken}` }),
      as('anonymous, private board', {}, privateBoard),
    );

    // Both servers have reported to both dashboards, and each list a signed-in caller reads holds both.
    for (const dashboard of [publicBoard, privateBoard]) {
      const cookie = dashboard === publicBoard ? root : await login(privateBoard, 'root', ROOT_PASSWORD);
      for (const path of ['/api/servers', '/api/catalog', '/api/traffic', '/api/uptime']) {
        await until(
          () => adminCall(dashboard, cookie, 'GET', path),
          ({ json }) => ['open-1', 'quiet-1'].every((id) => JSON.stringify(json).includes(id)),
          `both servers in ${path}`,
        );
      }
    }
    routes = [...(await appRoutes(publicBoard)), ...(await appRoutes(privateBoard))].filter(
      (route, i, all) => all.findIndex((other) => routeName(other) === routeName(route)) === i,
    );
  });

  afterAll(async () => {
    agents.forEach((agent) => agent.terminate());
    await publicBoard?.stop();
    await privateBoard?.stop();
  });

  it('has a rule for every route the dashboards answer, and no rule without a route', () => {
    expect(routes.filter((route) => !ruleOf(route)).map(routeName)).toEqual([]);
    expect(RULES.filter((rule) => !routes.some((route) => ruleOf(route) === rule)).map((rule) => String(rule.route))).toEqual([]);
    // The walk covers what the issue names, found in the dashboards themselves.
    expect(routes.map(routeName)).toEqual(
      expect.arrayContaining([
        'GET /api/servers/:id/history',
        'GET /api/servers/:id/events',
        'GET /api/servers/:id/traffic',
        'GET /metrics',
        'GET /healthz',
        `WS ${FRONTEND_PATH}`,
        `WS ${REPORT_PATH}`,
        `DELETE ${ADMIN_SERVERS_PATH}/:id`,
      ]),
    );
    expect(routes.filter((route) => /\.(js|css)$/.test(route.path)).length).toBeGreaterThan(3);
  });

  it('sends the hidden server live on /ws-frontend to signed-in callers and tokens only', async () => {
    const clients = await Promise.all(
      callers
        .filter((caller) => caller.dashboard === publicBoard)
        .map(async (caller) => ({
          caller,
          client: await new FrontendClient(publicBoard.url(FRONTEND_PATH), { headers: caller.headers }).open(),
        })),
    );
    const [open, quiet] = agents; // the public board's agents
    quiet.send(JSON.stringify(report('quiet-1', 42)));
    for (const { caller, client } of clients.filter(({ caller }) => caller.seesHidden)) {
      await client
        .waitFor((m) => m.serverId === 'quiet-1' && m.cpu.percent === 42, 10_000)
        .catch(() => {
          throw new Error(`${caller.name} never got the hidden server's live report`);
        });
    }
    open.send(JSON.stringify(report('open-1', 43)));
    for (const { client } of clients) await client.waitFor((m) => m.serverId === 'open-1' && m.cpu.percent === 43, 10_000);
    // Every frame of the hidden server was sent before that one: on the anonymous socket there was none, snapshot or live.
    const anonymous = clients.find(({ caller }) => caller.name === 'anonymous')!.client;
    expect(anonymous.messages.filter((m) => HIDDEN_MARKS.some((mark) => JSON.stringify(m).includes(mark)))).toEqual([]);
    clients.forEach(({ client }) => client.close());
  });

  it('answers every route as its rule says, to every caller; prints each route that broke its rule', async () => {
    const broken: string[] = [];
    const walked = { requests: 0, routes: 0 };
    const anonymousStatus = new Map<string, number>();
    const ordered = [...routes].sort((a, b) => Number(!!ruleOf(a)!.endsSession) - Number(!!ruleOf(b)!.endsSession));
    for (const route of ordered) {
      const rule = ruleOf(route)!;
      walked.routes++;
      for (const caller of callers) {
        for (const path of concretePaths(route)) {
          const request = `${route.method} ${path}`;
          const answer = await ask(caller, route.method, path);
          if (caller.name === 'anonymous') anonymousStatus.set(request, answer.status);
          const reasons = breaches(rule, caller, path, answer, anonymousStatus.get(request)!);
          walked.requests++;
          if (route.method !== 'GET' && (route.method !== 'WS' || path === FRONTEND_PATH)) {
            const crossSite = await ask(caller, route.method, path, FOREIGN);
            walked.requests++;
            if (crossSite.status !== 403) reasons.push(`a foreign Origin got ${crossSite.status}, not 403`);
          }
          const got = `got ${answer.status} ${answer.body.slice(0, 160)}`;
          broken.push(...reasons.map((why) => `${request} as ${caller.name}: ${why} (rule ${rule.route}); ${got}`));
        }
      }
    }
    expect(broken).toEqual([]);
    // Nothing the walk did changed anything (the sessions it ended aside).
    const adminToken = callers.find((caller) => caller.name === 'admin token')!;
    const read = async (path: string) =>
      JSON.parse((await ask(adminToken, 'GET', path)).body) as { serverId?: string; username?: string }[];
    expect((await read(ADMIN_PATHS.users)).map((u) => u.username)).toEqual(['root', 'vera']);
    expect(await read(ADMIN_PATHS.tokens)).toHaveLength(2);
    expect((await read(ADMIN_SERVERS_PATH)).map((s) => s.serverId)).toEqual(['open-1', 'quiet-1']);
    expect((await ask(callers[1], 'GET', AUTH_PATHS.me)).status).toBe(401); // the walk's logout ended the viewer's session
    expect(walked.requests).toBeGreaterThan(walked.routes * CALLERS.length);
  });
});

/** How `answer` breaks `rule` for `caller` (none: it keeps it); `anonymous` is the anonymous caller's status on the public board. */
function breaches(rule: Rule, caller: Caller, path: string, answer: Answer, anonymous: number): string[] {
  const reasons: string[] = [];
  const outcome = OUTCOMES[rule.access][CALLERS.indexOf(caller.name)];
  const hiddenToCaller = rule.hidden === 'per-server' && path.includes('quiet-1') && !caller.seesHidden;
  if (outcome === 'open' || outcome === 'same') {
    if ([401, 403].includes(answer.status)) reasons.push('refused, though the caller may use it');
    if (outcome === 'open' && answer.status >= 500) reasons.push('failed instead of passing the access check');
    if (outcome === 'same' && answer.status !== anonymous) reasons.push(`expected ${anonymous}, as for the anonymous caller`);
  } else {
    const expected = hiddenToCaller && outcome === 200 ? 404 : outcome;
    if (answer.status !== expected) reasons.push(`expected ${expected}`);
  }
  if (hiddenToCaller && answer.status === 404 && answer.body !== HIDDEN_AS_UNKNOWN) reasons.push('the 404 differs from an unknown id');
  if (!caller.seesHidden && answer.body !== HIDDEN_AS_UNKNOWN && HIDDEN_MARKS.some((mark) => answer.body.includes(mark))) {
    reasons.push('the hidden server reached a caller who may not see it');
  }
  if (rule.hidden === 'list' && answer.status === 200) {
    if (!answer.body.includes('open-1')) reasons.push('the list lacks the visible server');
    if (caller.seesHidden && !answer.body.includes('quiet-1')) reasons.push('the list lacks the hidden server');
  }
  return reasons;
}

/** A report of `id` (the hidden server's carries its name and hostname, to be looked for). */
function report(id: string, percent: number) {
  const quiet = id === 'quiet-1';
  const base = exampleServerInfo();
  return exampleServerInfo({
    serverId: id,
    serverName: quiet ? 'Quiet Host' : 'Open Host',
    system: { ...base.system, hostname: quiet ? 'quiet-host.internal' : 'open-host.example' },
    cpu: { percent, cores: 1, modelName: 'x' },
  });
}

/**
 * The requests that stand for a route: a server's `:id` as the hidden and the visible server,
 * any other parameter as a target that does not exist; the console's page at each page path.
 */
function concretePaths(route: AppRoute): string[] {
  if (route.method === 'GET' && route.path === '/') return PAGES;
  if (route.method === 'GET' && route.path.includes('/api/servers/:id')) {
    return ['quiet-1', 'open-1'].map((id) => route.path.replace(':id', id));
  }
  return [route.path.replace(/:\w+/g, NO_SUCH)];
}

/** One request of `caller` (with `origin`, if given); a WebSocket's outcome as a status (see OUTCOMES). */
async function ask(caller: Caller, method: string, path: string, origin?: string): Promise<Answer> {
  const headers = { ...caller.headers, ...(origin ? { origin } : {}) };
  if (method === 'WS') return path === FRONTEND_PATH ? frontendAnswer(caller, headers) : socketAnswer(caller.dashboard.url(path), headers);
  const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined;
  const res = await fetch(caller.dashboard.url(path, 'http'), {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
}

/** `/ws-frontend`: the status that refused the upgrade, 401 for a close with 1008, or 200 and the whole snapshot. */
async function frontendAnswer(caller: Caller, headers: Record<string, string>): Promise<Answer> {
  const { origin, ...rest } = headers;
  const url = caller.dashboard.url(FRONTEND_PATH);
  if (origin) return { status: await upgradeStatus(url, { headers: rest, origin }), body: '' };
  const client = new FrontendClient(url, { headers: rest });
  try {
    const first = await withTimeout(
      new Promise<Closed | 'message'>((resolve, reject) => {
        client.ws.once('message', () => resolve('message'));
        client.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        client.ws.once('error', reject);
      }),
      10_000,
      `the first frame or the close of ${url}`,
    );
    if (first !== 'message') {
      return { status: first.code === 1008 && first.reason === 'authentication required' ? 401 : first.code, body: first.reason };
    }
    // The snapshot is sent at connect: the answer to a ping comes after all of it.
    const pong = new Promise((resolve) => client.ws.once('pong', resolve));
    client.ws.ping();
    await withTimeout(pong, 10_000, 'the pong after the snapshot');
    return { status: 200, body: JSON.stringify(client.messages) };
  } finally {
    client.close();
  }
}

/** `/ws-report` without an agent's id and secret: 401 for the close with 1008, else the status that refused the upgrade. */
async function socketAnswer(url: string, headers: Record<string, string>): Promise<Answer> {
  const ws = new WebSocket(url, { headers });
  const refused = new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  const outcome = await Promise.race([refused, opened(ws).then(() => closed(ws, 10_000))]);
  ws.terminate();
  if (typeof outcome === 'number') return { status: outcome, body: '' };
  return { status: outcome.code === 1008 && outcome.reason === 'authentication failed' ? 401 : outcome.code, body: outcome.reason };
}
