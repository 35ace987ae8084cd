// What the System page renders (no server imports, dates as ISO strings). The page passes the
// server's systemOverview() result straight in; TypeScript keeps the two shapes in step.
export type SectionView<T> = { ok: true; data: T } | { ok: false; error: string };

export type QueueStateName = 'waiting' | 'active' | 'delayed' | 'failed' | 'prioritized';

export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  stale: boolean;
}

export interface QueueView {
  queue: string;
  counts: Record<QueueStateName, number>;
  oldestWaitingSeconds: number;
}

export interface PollLagView {
  connectionId: string;
  name: string;
  tenantId: string | null;
  watermark: string | null;
  lagSeconds: number | null;
  polledAt: string | null;
  pollingStalled: boolean;
}

export interface RunCountsView {
  flowId: string;
  flowName: string | null;
  counts: Record<string, number>;
  total: number;
}

export interface StepView {
  nodeType: string;
  count: number;
  averageSeconds: number;
  p95AtMostSeconds: number | null;
}

export interface CounterView {
  metric: string;
  help: string;
  labelNames: [string, string];
  values: { labels: [string, string]; value: number }[];
}

export interface SystemView {
  generatedAt: string;
  version: string;
  nodeVersion: string;
  workerSeenWithinSeconds: number;
  stepWindowHours: number;
  pollIntervalSeconds: number;
  workers: SectionView<WorkerView[]>;
  queues: SectionView<QueueView[]>;
  pollLag: SectionView<PollLagView[]>;
  runs: SectionView<RunCountsView[]>;
  steps: SectionView<StepView[]>;
  counters: SectionView<CounterView[]>;
}
