/** What one bench run loads a target with. */
export interface Scenario {
  agents: number;
  frontends: number;
  intervalMs: number;
  durationMs: number;
  warmupMs: number;
}

export const PRESETS: Record<string, Omit<Scenario, 'durationMs' | 'warmupMs'>> = {
  seed: { agents: 100, frontends: 10, intervalMs: 5_000 }, // the original design's figure
  '1k': { agents: 1_000, frontends: 10, intervalMs: 5_000 },
  '10k': { agents: 10_000, frontends: 10, intervalMs: 5_000 },
};

/** Agent counts `--find-knee` steps through until p99 passes 100 ms or errors appear. */
export const KNEE_STEPS = [1_000, 2_500, 5_000, 7_500, 10_000, 12_500, 15_000, 17_500, 20_000];
export const KNEE_P99_MS = 100;

/** Agents per generator process: keeps each well under the 20,000 open-file limit. */
export const AGENTS_PER_GENERATOR = 5_000;

export type TargetKind = 'dashboard' | 'relay';

/** The dashboard's history: off, or on over SQLite (its default) or PostgreSQL. */
export type HistoryMode = 'off' | 'sqlite' | 'postgres';
export const HISTORY_MODES: readonly HistoryMode[] = ['off', 'sqlite', 'postgres'];

/** Generator <-> orchestrator messages over the IPC channel. */
export type ToGenerator =
  | {
      type: 'start';
      role: 'agents' | 'frontends';
      url: string;
      count: number;
      /** Global index of this generator's first agent, for spreading sends over the interval. */
      firstIndex: number;
      totalAgents: number;
      localAddress: string;
      intervalMs: number;
    }
  | { type: 'go'; measureFrom: number; measureUntil: number }
  | { type: 'stop' };

export interface GeneratorResult {
  type: 'result';
  role: 'agents' | 'frontends';
  connected: number;
  sent: number;
  received: number;
  receivedBytes: number;
  errors: number;
  unexpectedCloses: number;
  latency: { buckets: [number, number][]; max: number };
}

export type FromGenerator = { type: 'ready'; connected: number; errors: number } | GeneratorResult;
