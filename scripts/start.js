#!/usr/bin/env node
// `npm start`: the dashboard and an agent for this machine, built first when missing or stale. The agent is
// restarted when it exits; when the dashboard exits, the agent is stopped and this exits with its code.
'use strict';
require('./exit-with-parent');
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { get } = require('node:http');
const { constants } = require('node:os');
const { isAbsolute, join, relative, resolve } = require('node:path');
const { parse } = require('yaml');
const { DASHBOARD_NODE_ARGS } = require('./dashboard-node-args');
const { ensureBuilt } = require('./ensure-built');
const { ensureLocalConfig } = require('./local-config');
const { whyPortIsUnusable } = require('./port-check');

const ROOT = join(__dirname, '..');
const EXIT_WITH_PARENT = ['--require', join(__dirname, 'exit-with-parent.js')];
/** Agent restarts wait 1 s, doubling up to 30 s; an agent that ran a minute starts the count over. */
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
const HEALTHY_RUN_MS = 60_000;

const local = ensureLocalConfig(resolve(process.env.SSS_LOCAL_DIR || join(ROOT, 'config/local')));
// SSS_CONFIG picks another dashboard config; the local agent's secret is not in it, so no agent then.
const dashboardConfig = process.env.SSS_CONFIG || local.dashboard;
const agentConfig = process.env.SSS_AGENT_CONFIG || (process.env.SSS_CONFIG ? undefined : local.agent);
const { host, port } = dashboardAddress(dashboardConfig);
// How this machine reaches the dashboard: loopback when it listens on every address.
const reachable = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
// SSS_LOCAL_DIR is this script's own; the dashboard would reject it as an unknown config key.
const childEnv = { ...process.env };
delete childEnv.SSS_LOCAL_DIR;

let stopping = false;
let dashboard;
let agent;
let restartTimer;
let restartDelayMs = FIRST_RESTART_DELAY_MS;

void main();

async function main() {
  if (local.missing && [dashboardConfig, agentConfig].includes(local.missing)) {
    const other = local.missing === local.dashboard ? local.agent : local.dashboard;
    console.error(`sss: ${shown(other)} is there without ${shown(local.missing)}: delete it to start over`);
    process.exitCode = 1;
    return;
  }
  if (local.warning && dashboardConfig === local.dashboard) console.error(`sss: warning: ${shown(local.dashboard)} ${local.warning}`);
  // A bad port is left to the dashboard, which says what is wrong with it.
  const problem = Number.isInteger(port) ? await whyPortIsUnusable(host, port) : undefined;
  if (problem) {
    console.error(problem);
    process.exitCode = 1;
    return;
  }
  if (local.created) console.log(`sss: created ${shown(local.dashboard)} and ${shown(local.agent)} with a new secret for this host`);
  ensureBuilt(['dashboard', 'agent', 'web']);

  dashboard = run('dashboard', DASHBOARD_NODE_ARGS, dashboardConfig);
  console.log(`sss: dashboard (pid ${dashboard.pid}) with ${shown(dashboardConfig)}`);
  dashboard.on('exit', (code, signal) => {
    if (!stopping) console.error(`sss: the dashboard exited (${exitText(code, signal)})${agent ? '; stopping the agent' : ''}`);
    stop('SIGTERM');
    process.exitCode = code ?? 128 + constants.signals[signal];
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  if (agentConfig) {
    whenReady(() => {
      startAgent();
      console.log(`sss: open http://localhost:${port} (Ctrl-C stops both)`);
    });
  }
}

function startAgent() {
  if (stopping) return;
  const startedAt = Date.now();
  // The local agent reports to this dashboard, whatever port its config file names.
  const env = agentConfig === local.agent ? { SSS_AGENT_SERVER: `ws://${reachable}:${port}` } : {};
  agent = run('agent', [], agentConfig, env);
  console.log(`sss: agent (pid ${agent.pid}) with ${shown(agentConfig)}`);
  agent.on('exit', (code, signal) => {
    agent = undefined;
    if (stopping) return;
    if (Date.now() - startedAt >= HEALTHY_RUN_MS) restartDelayMs = FIRST_RESTART_DELAY_MS;
    console.error(`sss: the agent exited (${exitText(code, signal)}); restarting it in ${restartDelayMs / 1000} s`);
    restartTimer = setTimeout(startAgent, restartDelayMs);
    restartDelayMs = Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  });
}

/** Passes `signal` on to the children that still run; nothing is restarted after this. */
function stop(signal) {
  stopping = true;
  clearTimeout(restartTimer);
  for (const child of [dashboard, agent]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

/** Where the dashboard will listen: SSS_HOST and SSS_PORT win over its config file, as in the dashboard. */
function dashboardAddress(configPath) {
  let file = {};
  try {
    file = parse(readFileSync(configPath, 'utf8')) ?? {};
  } catch {
    // unreadable or bad YAML: the dashboard reports it in full when it starts
  }
  return {
    host: String(process.env.SSS_HOST ?? file.host ?? '0.0.0.0'),
    port: Number(process.env.SSS_PORT ?? file.port ?? 8900),
  };
}

/** One of the built apps; it stops itself should this process go (exit-with-parent.js). */
function run(name, nodeArgs, config, env = {}) {
  const main = join(ROOT, `dist/apps/${name}/main.js`);
  return spawn(process.execPath, [...nodeArgs, ...EXIT_WITH_PARENT, main, '--config', config], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...childEnv, ...env },
  });
}

/** Calls `then` once the dashboard answers /readyz, so the agent's first connection succeeds. */
function whenReady(then, deadline = Date.now() + 30_000) {
  const retry = () => {
    if (stopping) return;
    if (Date.now() < deadline) setTimeout(() => whenReady(then, deadline), 200);
    else then(); // start anyway: the agent retries on its own
  };
  get(`http://${reachable}:${port}/readyz`, (res) => {
    res.resume();
    if (res.statusCode === 200 && !stopping) then();
    else retry();
  }).on('error', retry);
}

function exitText(code, signal) {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/** A path as the user would type it: relative to the checkout when inside it. */
function shown(path) {
  const rel = relative(ROOT, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
