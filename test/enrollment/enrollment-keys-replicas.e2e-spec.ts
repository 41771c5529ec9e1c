import {
  ADMIN_ENROLLMENT_KEYS_PATH,
  AUTH_PATHS,
  CloseCode,
  REPORT_PATH,
  type AdminEnrollmentKey,
  type AdminEnrollmentKeySecret,
} from '@sss/contracts';
import { argon2id, hash as argon2Hash } from 'argon2';
import { DashboardProcess } from '../support/dashboard-process';
import { witnessIssuedSecret } from '../support/leak-witness';
import { createTestDatabase } from '../support/postgres-cluster';
import { SessionClient } from '../support/session-client';
import { agentSocket, closed, textOf, until } from '../support/ws-clients';

const PASSWORD = 'root password of the replicas';
/** A replica reloads the stored keys every 30 s: a change made on the other shows within that, with room to spare. */
const RELOAD_DEADLINE_MS = 60_000;

/** The first frame of an agent connecting with `key` as `id`, or its close: "enrolled", or a refusal's code. */
async function tryEnroll(dashboard: DashboardProcess, id: string, key: string): Promise<'enrolled' | number> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, key);
  const close = closed(ws, 10_000);
  const frame = new Promise<string>((resolve) => ws.once('message', (data) => resolve(textOf(data))));
  const first = await Promise.race([frame, close]);
  if (typeof first === 'string') {
    ws.close();
    await close;
    return (JSON.parse(first) as { type: string }).type === 'enrolled' ? 'enrolled' : -1;
  }
  return first.code;
}

/** Two dashboards over one PostgreSQL database, as replicas behind a Service are. */
describe('enrollment keys across two replicas over one PostgreSQL database', () => {
  jest.setTimeout(180_000);
  let a: DashboardProcess;
  let b: DashboardProcess;
  let adminOfA: SessionClient;
  /** The same login (sessions are stored in the database) on the other replica. */
  let adminOfB: SessionClient;

  beforeAll(async () => {
    const url = await createTestDatabase();
    const config = { admin: { username: 'root', passwordHash: await argon2Hash(PASSWORD, { type: argon2id }) }, storage: { url } };
    a = await DashboardProcess.start({ servers: [], config });
    b = await DashboardProcess.start({ servers: [], config });
    adminOfA = new SessionClient(a);
    expect((await adminOfA.call('POST', AUTH_PATHS.login, { username: 'root', password: PASSWORD })).status).toBe(200);
    adminOfB = new SessionClient(b);
    adminOfB.cookie = adminOfA.cookie;
  });
  afterAll(() => Promise.all([a?.stop(), b?.stop()]));

  const keyOnB = async (id: string) =>
    ((await adminOfB.call('GET', ADMIN_ENROLLMENT_KEYS_PATH)).json as unknown as AdminEnrollmentKey[]).find((k) => k.id === id);

  it('a key made on one replica enrolls on the other after its reload; revoked, it stops at once on the first and after the reload on the other', async () => {
    const made = (await adminOfA.call('POST', ADMIN_ENROLLMENT_KEYS_PATH, { name: 'fleet', idPattern: 'rep-[0-9]+' }))
      .json as unknown as AdminEnrollmentKeySecret;
    witnessIssuedSecret(made.secret);
    await until(() => keyOnB(made.key.id), Boolean, 'the key on replica B', RELOAD_DEADLINE_MS);
    expect(await tryEnroll(b, 'rep-1', made.secret)).toBe('enrolled');

    expect((await adminOfA.call('POST', `${ADMIN_ENROLLMENT_KEYS_PATH}/${made.key.id}/revoke`)).status).toBe(200);
    expect(await tryEnroll(a, 'rep-2', made.secret)).toBe(CloseCode.POLICY_VIOLATION);
    await until(
      () => keyOnB(made.key.id),
      (k) => k?.revoked === true,
      'the revoke on replica B',
      RELOAD_DEADLINE_MS,
    );
    expect(await tryEnroll(b, 'rep-3', made.secret)).toBe(CloseCode.POLICY_VIOLATION);
  });
});
