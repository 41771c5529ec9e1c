import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { answerInfoFlags, ConfigError } from '@sss/config';
import { FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import type { Server as HttpsServer } from 'node:https';
import { Log } from '@sss/log';
import { AgentAdmission, AgentSessions } from '../fleet';
import { DEFAULT_WEB_ROOT, type DashboardConfig } from './config/dashboard-config';
import { configPathFrom, DASHBOARD_USAGE, loadConfig } from './config/load-config';
import { Readiness } from './health/readiness';
import { readKeyPair, reloadCertificateOnChange } from './http/certificate-reload';
import { ClientAddress } from './http/client-address';
import { useCrossSiteGuard } from './http/cross-site-guard';
import { useHandshakeTimeout } from './http/handshake-timeout';
import { serveOpenApi } from './http/open-api';
import { useRequestLimits } from './http/request-limits';
import { useSecurityHeaders } from './http/security-headers';
import { NestLogBridge } from './logging/nest-log.bridge';
import { serveStaticSite } from './static-site/static-site';
import { DashboardWsAdapter } from './ws/dashboard-ws.adapter';
import { originCheck } from './ws/origin-check';

const SHUTDOWN_DEADLINE_MS = 5_000;

/**
 * Runs the dashboard process: config, the Nest application built by
 * `appModule`, the WebSocket adapter with each channel's upgrade check, the
 * per-client limits, the security headers, the cross-site request guard, the console's static site, the
 * OpenAPI document and its UI, the port,
 * and a graceful stop on SIGTERM or SIGINT.
 */
export async function runDashboard(appModule: (config: DashboardConfig, log: Log) => DynamicModule): Promise<void> {
  const argv = process.argv.slice(2);
  if (answerInfoFlags(argv, { name: 'sss-dashboard', usage: DASHBOARD_USAGE })) return;
  const log = new Log('dashboard');
  let config;
  try {
    const path = configPathFrom(argv, process.env);
    config = loadConfig(path, process.env);
    log.info('config loaded', { file: path ?? null, servers: config.servers.length });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message);
    process.exit(2);
  }

  const app = await NestFactory.create<NestExpressApplication>(appModule(config, log), {
    logger: new NestLogBridge(log),
    httpsOptions: config.tls && readKeyPair(config.tls),
  });
  const clientAddress = app.get(ClientAddress);
  // req.ip, req.secure and req.protocol believe X-Forwarded-* from the configured proxies alone.
  app.set('trust proxy', (address: string) => clientAddress.trusts(address));
  const admission = app.get(AgentAdmission);
  const sessions = app.get(AgentSessions);
  app.useWebSocketAdapter(
    new DashboardWsAdapter(app, config.maxMessageBytes, log, clientAddress, {
      [REPORT_PATH]: (req) => admission.refusal(clientAddress.of(req), sessions.connected),
      [FRONTEND_PATH]: originCheck(config.frontendAllowedOrigins),
    }),
  );
  useHandshakeTimeout(app.getHttpServer(), config.limits.handshakeTimeoutSeconds * 1000);
  useRequestLimits(app, config.limits, clientAddress, log);
  useSecurityHeaders(app);
  useCrossSiteGuard(app, config.frontendAllowedOrigins);
  serveStaticSite(app, config.webRoot ?? DEFAULT_WEB_ROOT, log);
  serveOpenApi(app);
  await app.listen(config.port, config.host);
  const stopReloading = config.tls ? reloadCertificateOnChange(app.getHttpServer() as HttpsServer, config.tls, log) : undefined;
  const readiness = app.get(Readiness);
  readiness.listening = true;
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('dashboard listening', { host: config.host, port, tls: config.tls !== undefined, report: REPORT_PATH, frontend: FRONTEND_PATH });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    readiness.stopping = true;
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.warn('shutdown deadline passed; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    stopReloading?.();
    await app.close(); // gateways close every socket with 1001 first
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
