// `npm run bench:agent`: the built agent against a local dashboard, beside a bare Node process.
// Runs, at the same time for BENCH_SECONDS (default 120): a bare `node -e "setInterval(()=>{},1000)"`,
// an agent at a 1 s interval and one at the default 5 s, then prints RSS, CPU and time per sample.
import 'tsconfig-paths/register'; // the bench imports test helpers that use @sss/* path aliases
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AgentProcess } from '../../test/agent/support/agent-process';
import { ensureBuilt } from '../../scripts/ensure-built';
import { cleanEnv, DashboardProcess, ROOT } from '../../test/support/dashboard-process';
import { Histogram } from '../histogram';
import { ProcSampler } from '../proc-sampler';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const WARMUP_MS = 5_000;
const SECRET = 'bench-secret';

interface Figures {
  name: string;
  rssAvgMb: number;
  rssMaxMb: number;
  cpuPercent: number;
  sampleP50Ms?: number;
  sampleP99Ms?: number;
  samples?: number;
  reports?: number;
}

async function main(): Promise<void> {
  ensureBuilt(['agent', 'dashboard']);

  const dashboard = await DashboardProcess.start({
    servers: [
      { id: 'bench-1s', secret: SECRET },
      { id: 'bench-5s', secret: SECRET },
    ],
  });
  const received = new Map<string, number>();
  const frontend = new WebSocket(dashboard.url('/ws-frontend'));
  frontend.on('message', (data: Buffer) => {
    const id = (JSON.parse(data.toString()) as { serverId: string }).serverId;
    received.set(id, (received.get(id) ?? 0) + 1);
  });

  const env = { SSS_AGENT_SECRET: SECRET, SSS_LOG_LEVEL: 'debug', SSS_LOG_FORMAT: 'json' };
  const baseline = spawn(process.execPath, ['-e', 'setInterval(()=>{},1000)'], { env: cleanEnv(), stdio: 'ignore' });
  const fast = AgentProcess.start(['--server', dashboard.url('/ws-report'), '--id', 'bench-1s', '--interval', '1'], env);
  const slow = AgentProcess.start(['--server', dashboard.url('/ws-report'), '--id', 'bench-5s', '--interval', '5'], env);
  try {
    await Promise.all([fast, slow].map((a) => a.waitForLog(/"msg":"connected"/, 15_000)));
    await sleep(WARMUP_MS);
    console.log(`measuring for ${SECONDS} s ...`);

    const watched = [
      { name: 'bare node (setInterval 1 s)', proc: baseline },
      { name: 'agent, --interval 1', proc: fast.proc, agent: fast, id: 'bench-1s' },
      { name: 'agent, --interval 5 (default)', proc: slow.proc, agent: slow, id: 'bench-5s' },
    ];
    const logStart = watched.map((w) => w.agent?.logs.length ?? 0);
    const receivedStart = watched.map((w) => (w.id ? (received.get(w.id) ?? 0) : 0));
    const samplers = watched.map((w) => new ProcSampler(w.proc.pid!));
    samplers.forEach((s) => s.start());
    const started = Date.now();
    await sleep(SECONDS * 1000);
    const elapsed = (Date.now() - started) / 1000;

    const figures: Figures[] = watched.map((w, i) => {
      const proc = samplers[i].stop();
      const times = w.agent ? sampleTimes(w.agent.logs.slice(logStart[i])) : new Histogram();
      return {
        name: w.name,
        rssAvgMb: round(proc.rssAvgMb),
        rssMaxMb: round(proc.rssMaxMb),
        cpuPercent: round(proc.cpuPercent, 3),
        ...(w.agent && {
          sampleP50Ms: round(times.percentile(0.5)),
          sampleP99Ms: round(times.percentile(0.99)),
          samples: times.total,
          reports: (received.get(w.id) ?? 0) - receivedStart[i],
        }),
      };
    });
    report(figures, elapsed);
  } finally {
    frontend.terminate();
    baseline.kill();
    await Promise.all([fast.stop(), slow.stop()]);
    await dashboard.stop();
  }
}

function report(figures: Figures[], elapsed: number): void {
  const [base, fast, slow] = figures;
  const cell = (v: number | undefined) => (v === undefined ? '-' : String(v));
  const lines = [
    `agent benchmark: ${Math.round(elapsed)} s measured, Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores (${cpus()[0]?.model.trim()})`,
    '',
    '| process | RSS avg (MB) | RSS max (MB) | CPU (% of one core) | sample p50 (ms) | sample p99 (ms) | samples | reports received |',
    '|---|---|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.rssAvgMb} | ${f.rssMaxMb} | ${f.cpuPercent} | ${cell(f.sampleP50Ms)} | ${cell(f.sampleP99Ms)} | ${cell(f.samples)} | ${cell(f.reports)} |`,
    ),
    '',
    'targets:',
    `- time per sample p99 < 50 ms: ${verdict(Math.max(fast.sampleP99Ms!, slow.sampleP99Ms!) < 50)} (${Math.max(fast.sampleP99Ms!, slow.sampleP99Ms!)} ms)`,
    `- CPU at the default 5 s interval < 0.5 % of one core: ${verdict(slow.cpuPercent < 0.5)} (${slow.cpuPercent} %)`,
    `- RSS within 15 MB of bare Node: ${verdict(Math.max(fast.rssAvgMb, slow.rssAvgMb) - base.rssAvgMb <= 15)} (+${round(fast.rssAvgMb - base.rssAvgMb)} MB at 1 s, +${round(slow.rssAvgMb - base.rssAvgMb)} MB at 5 s, by average)`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results/agent.json'), JSON.stringify({ at: new Date().toISOString(), elapsed, figures }, null, 2));
}

/** The agent logs `sampled` with the time each sample took (at debug level). */
function sampleTimes(output: string): Histogram {
  const histogram = new Histogram();
  for (const line of output.split('\n')) if (line.includes('"msg":"sampled"')) histogram.add((JSON.parse(line) as { ms: number }).ms);
  return histogram;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
