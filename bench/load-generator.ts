/**
 * A load-generator process (forked by bench.ts): either `count` agents that
 * send a report every interval, spread evenly over it, or `count` frontends
 * that receive everything and record the latency of each report.
 */
import WebSocket from 'ws';
import { AUTH_SECRET_HEADER, SERVER_ID_HEADER } from '../libs/contracts/src/protocol';
import { Histogram } from './histogram';
import { nowMs, reportFrameFactory, sentAtOf } from './report-frame';
import type { FromGenerator, ToGenerator } from './scenario';

const TICK_MS = 5;
const CONNECT_CONCURRENCY = 250;

type Start = Extract<ToGenerator, { type: 'start' }>;

const sockets: WebSocket[] = [];
const latency = new Histogram();
const counters = { connected: 0, sent: 0, received: 0, receivedBytes: 0, errors: 0, unexpectedCloses: 0 };
let stopping = false;
let window = { from: Infinity, until: -Infinity };
let start: Start;
let sendTimer: NodeJS.Timeout | undefined;

function reply(msg: FromGenerator): void {
  process.send!(msg);
}

function open(index: number): Promise<WebSocket | undefined> {
  const headers = start.role === 'agents' ? { [SERVER_ID_HEADER]: `s${index}`, [AUTH_SECRET_HEADER]: `secret-s${index}` } : undefined;
  const ws = new WebSocket(start.url, { headers, localAddress: start.localAddress, perMessageDeflate: false });
  ws.on('error', () => counters.errors++);
  ws.on('close', () => {
    if (!stopping) counters.unexpectedCloses++;
  });
  if (start.role === 'frontends') {
    ws.on('message', (data: Buffer) => {
      const sentAt = sentAtOf(data);
      if (sentAt >= window.from && sentAt < window.until) {
        counters.received++;
        counters.receivedBytes += data.length;
        latency.add(nowMs() - sentAt);
      }
    });
  }
  return new Promise((resolve) => {
    ws.once('open', () => {
      counters.connected++;
      resolve(ws);
    });
    ws.once('close', () => resolve(undefined));
  });
}

async function connectAll(): Promise<void> {
  for (let i = 0; i < start.count; i += CONNECT_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONNECT_CONCURRENCY, start.count - i) }, (_, k) => open(start.firstIndex + i + k));
    for (const ws of await Promise.all(batch)) if (ws) sockets.push(ws);
  }
}

/** One timer for all agents: each tick sends for the agents whose slot in the interval has come. */
function startSending(): void {
  const frames = sockets.map((_, k) => reportFrameFactory(`s${start.firstIndex + k}`));
  const offsets = sockets.map((_, k) => ((start.firstIndex + k) / start.totalAgents) * start.intervalMs);
  const order = offsets.map((_, k) => k).sort((a, b) => offsets[a] - offsets[b]);
  const begin = nowMs();
  let cycle = 0;
  let next = 0; // position in `order` within the current cycle
  sendTimer = setInterval(() => {
    const elapsed = nowMs() - begin;
    while (cycle * start.intervalMs + (next < order.length ? offsets[order[next]] : start.intervalMs) <= elapsed) {
      if (next >= order.length) {
        cycle++;
        next = 0;
        continue;
      }
      const k = order[next++];
      const ws = sockets[k];
      if (ws.readyState !== WebSocket.OPEN) continue;
      const sentAt = nowMs();
      ws.send(frames[k](sentAt));
      if (sentAt >= window.from && sentAt < window.until) counters.sent++;
    }
  }, TICK_MS);
}

process.on('message', (msg: ToGenerator) => {
  if (msg.type === 'start') {
    start = msg;
    // A generator that cannot connect at all exits; the orchestrator reports the exit.
    connectAll().then(
      () => reply({ type: 'ready', connected: counters.connected, errors: counters.errors }),
      (err: unknown) => {
        console.error('load generator failed:', err);
        process.exit(1);
      },
    );
  } else if (msg.type === 'go') {
    window = { from: msg.measureFrom, until: msg.measureUntil };
    if (start.role === 'agents') startSending();
  } else if (msg.type === 'stop') {
    stopping = true;
    clearInterval(sendTimer);
    reply({ type: 'result', role: start.role, ...counters, latency: latency.toJSON() });
    sockets.forEach((ws) => ws.terminate());
    setTimeout(() => process.exit(0), 100);
  }
});

// The orchestrator going away must not leave a generator behind.
process.on('disconnect', () => process.exit(0));
