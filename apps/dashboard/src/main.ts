import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@sss/config';
import { FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { Log } from '@sss/log';
import { DashboardWsAdapter } from './adapters/inbound/dashboard-ws.adapter';
import { serveStaticSite } from './adapters/inbound/static-site';
import { AppModule } from './app.module';
import { DEFAULT_WEB_ROOT } from './config/dashboard-config';
import { configPathFrom, loadConfig } from './config/load-config';
import { NestLogBridge } from './logging/nest-log.bridge';
import { Readiness } from './readiness';

const SHUTDOWN_DEADLINE_MS = 5_000;

async function main(): Promise<void> {
  const log = new Log('dashboard');
  let config;
  try {
    const path = configPathFrom(process.argv.slice(2), process.env);
    config = loadConfig(path, process.env);
    log.info('config loaded', { file: path ?? null, servers: config.servers.length });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message);
    process.exit(2);
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, log), {
    logger: new NestLogBridge(log),
  });
  app.useWebSocketAdapter(new DashboardWsAdapter(app, config.maxMessageBytes));
  serveStaticSite(app, config.webRoot ?? DEFAULT_WEB_ROOT, log);
  await app.listen(config.port, config.host);
  const readiness = app.get(Readiness);
  readiness.ready = true;
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('dashboard listening', { host: config.host, port, report: REPORT_PATH, frontend: FRONTEND_PATH });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    readiness.ready = false;
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.warn('shutdown deadline passed; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close(); // gateways close every socket with 1001 first
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  new Log('dashboard').error('failed to start', { error: String(err?.stack ?? err) });
  process.exit(1);
});
