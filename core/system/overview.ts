// The System page's data (GET /api/v1/system and the admin page): one shape shared by the server
// that reads it (server/metrics/system-overview.ts) and the components that render it. Dates are
// ISO strings.

/** The BullMQ job states counted per queue. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const QUEUE_NAMES = ['runs', 'poll', 'maintenance', 'schedule'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export type Section<T> = { ok: true; data: T } | { ok: false; error: string };

export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  /** No beat within the readiness limit: readiness no longer counts it (it died or hangs). */
  stale: boolean;
}

export interface QueueRow {
  queue: QueueName;
  counts: Record<QueueState, number>;
  oldestWaitingSeconds: number;
}

export interface PollLagRow {
  connectionId: string;
  name: string;
  tenantId: string | null;
  /** null: the connection has not been polled yet (no watermark). */
  watermark: string | null;
  lagSeconds: number | null;
  polledAt: string | null;
  /** Polled once, but not within 3 poll intervals (at least a minute). */
  pollingStalled: boolean;
}

export interface RunRow {
  flowId: string;
  /** null when the flow was deleted but its runs are kept. */
  flowName: string | null;
  counts: Record<string, number>;
  total: number;
}

export interface StepRow {
  nodeType: string;
  count: number;
  averageSeconds: number;
  /** The smallest histogram bound at or under which 95 % of steps finished; null past the last bound. */
  p95AtMostSeconds: number | null;
}

export interface CounterRow {
  metric: string;
  help: string;
  labelNames: [string, string];
  values: { labels: [string, string]; value: number }[];
}

export interface SystemOverview {
  generatedAt: string;
  version: string;
  nodeVersion: string;
  /** What counts as a stale heartbeat, for the page to say so. */
  workerSeenWithinSeconds: number;
  stepWindowHours: number;
  pollIntervalSeconds: number;
  workers: Section<WorkerRow[]>;
  queues: Section<QueueRow[]>;
  pollLag: Section<PollLagRow[]>;
  runs: Section<RunRow[]>;
  steps: Section<StepRow[]>;
  counters: Section<CounterRow[]>;
}
