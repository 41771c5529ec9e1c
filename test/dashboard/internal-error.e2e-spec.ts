import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { Log } from '@sss/log';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../apps/dashboard/src/app.module';
import type { FleetRegistry } from '../../apps/dashboard/src/fleet/application/fleet-state';
import { REPORT_CACHE, type ReportCache } from '../../apps/dashboard/src/fleet/application/ports/report-cache.port';
import { ReportIntake } from '../../apps/dashboard/src/fleet/application/report-intake';
import { ServerRegistry } from '../../apps/dashboard/src/fleet/domain/server-registry';
import { loadConfig } from '../../apps/dashboard/src/platform/config/load-config';
import { ClientAddress } from '../../apps/dashboard/src/platform/http/client-address';
import { DashboardWsAdapter } from '../../apps/dashboard/src/platform/ws/dashboard-ws.adapter';
import { agentSocket, closed, FrontendClient, opened } from '../support/ws-clients';

/**
 * An unexpected exception cannot be provoked from outside a healthy dashboard,
 * so this test runs the real module in-process on a free port with a
 * ReportIntake that throws for one server, and real ws clients.
 */
describe('an unexpected error while handling a report', () => {
  let app: INestApplication;
  let port: number;
  const lines: string[] = [];

  beforeAll(async () => {
    const config = loadConfig(undefined, {
      SSS_SERVERS: '[{"id":"bad","secret":"x"},{"id":"good","secret":"y"}]',
      SSS_STORAGE__PATH: join(mkdtempSync(join(tmpdir(), 'sss-internal-error-')), 'sss.db'),
    });
    const log = new Log('test', { sink: { write: (l) => lines.push(l) } });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, log)] })
      .overrideProvider(ReportIntake)
      .useFactory({
        factory: (registry: FleetRegistry, cache: ReportCache) => {
          const real = new ReportIntake(registry, cache);
          return {
            accepted$: real.accepted$,
            accept: (server: { id: string }, text: string, explain: boolean) => {
              if (server.id === 'bad') throw new Error('simulated bug');
              return real.accept(server, text, explain);
            },
          };
        },
        inject: [ServerRegistry, REPORT_CACHE],
      })
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useWebSocketAdapter(new DashboardWsAdapter(app, config.maxMessageBytes, log, app.get(ClientAddress)));
    await app.listen(0, '127.0.0.1');
    port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('closes that connection with 1011, logs it, and everything else keeps working', async () => {
    const bad = agentSocket(`ws://127.0.0.1:${port}${REPORT_PATH}`, 'bad', 'x');
    await opened(bad);
    bad.send(JSON.stringify(exampleServerInfo({ serverId: 'bad' })));
    expect(await closed(bad)).toEqual({ code: CloseCode.INTERNAL_ERROR, reason: CloseReason.INTERNAL });
    expect(lines.join('')).toMatch(/ERROR .*unexpected error while handling a report serverId="bad" error="Error: simulated bug"/);

    const frontend = await new FrontendClient(`ws://127.0.0.1:${port}${FRONTEND_PATH}`).open();
    const good = agentSocket(`ws://127.0.0.1:${port}${REPORT_PATH}`, 'good', 'y');
    await opened(good);
    good.send(JSON.stringify(exampleServerInfo({ serverId: 'good' })));
    await frontend.waitFor((m) => m.serverId === 'good');
    expect(frontend.messages.some((m) => m.serverId === 'bad')).toBe(false);
    good.close();
    frontend.close();
  });
});
