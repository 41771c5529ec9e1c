import { readFileSync } from 'node:fs';
import { answerInfoFlags, ConfigError, VERSION } from '@sss/config';
import { Log } from '@sss/log';
import { Agent } from './agent';
import { Collector } from './collector/collector';
import { createHostReader } from './collector/create-host-reader';
import { findNvidiaSmi } from './collector/nvidia-smi';
import type { AgentConfig } from './config/agent-config';
import { helpText, parseCliArgs } from './config/cli-flags';
import { loadAgentConfig } from './config/load-agent-config';
import { lookupPublicIp } from './ip-lookup';
import { AgentCredentials } from './transport/agent-credentials';
import { ReportClient } from './transport/report-client';
import { redactedUrl } from './transport/redacted-url';

const IP_LOOKUP_EVERY_MS = 6 * 60 * 60 * 1000;

function main(): void {
  const argv = process.argv.slice(2);
  if (answerInfoFlags(argv, { name: 'sss-agent', usage: helpText() })) return;
  const log = new Log('agent');
  let config: AgentConfig;
  try {
    config = loadAgentConfig(parseCliArgs(argv), process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message);
    process.exit(2);
  }

  const reader = createHostReader(config.hostRoot);
  const identity = {
    serverId: config.id,
    serverName: config.name,
    group: config.group,
    countryCode: config.countryCode,
    location: config.location,
    ip: config.ip,
    agentVersion: VERSION,
  };
  const nvidiaSmi = findNvidiaSmi();
  const collector = new Collector(reader, identity, {
    diskRefreshMs: config.diskRefreshMs,
    gpuRefreshMs: config.gpuRefreshMs,
    nvidiaSmi,
    excludeInterfaces: config.excludeInterfaces,
    log: log.child('collector'),
  });
  const client = new ReportClient({
    url: config.serverUrl,
    serverId: config.id,
    credentials: new AgentCredentials(config, log.child('credentials')),
    ca: config.caFile ? readFileSync(config.caFile) : undefined,
    log: log.child('transport'),
  });
  const agent = new Agent(collector, client, config.intervalMs, log);
  log.info('agent starting', {
    version: VERSION,
    server: redactedUrl(config.serverUrl),
    id: config.id,
    auth: config.kubernetesTokenFile ? 'kubernetes token' : config.secret === undefined ? 'enrollment key' : 'secret',
    intervalSeconds: config.intervalMs / 1000,
    hostRoot: config.hostRoot,
    nvidiaSmi: nvidiaSmi ?? 'none',
  });
  agent.start();

  const { ipLookupUrl } = config;
  if (!config.ip && ipLookupUrl) {
    const lookup = async () => (identity.ip = (await lookupPublicIp(ipLookupUrl, log)) ?? identity.ip);
    void lookup();
    setInterval(() => void lookup(), IP_LOOKUP_EVERY_MS).unref();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    await agent.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main();
