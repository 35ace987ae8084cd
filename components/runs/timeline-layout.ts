// Lays a run's steps out on a time axis: one row per node (in execution order), one bar per
// recorded try of it (one per loop item), positioned in % of the run's span, plus evenly spaced
// ticks at a readable interval. Pure, so it is unit-tested; the component only draws it.

export interface TimelineStep {
  nodeId: string;
  iteration: string;
  status: string;
  attempt: number;
  seq: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** A step that can pause the run (a delay, an approval, "wait until finished"). */
  pauses?: boolean;
}

export interface TimelineBar {
  iteration: string;
  status: string;
  attempt: number;
  /** % of the axis. */
  left: number;
  width: number;
  durationMs: number;
}

export interface TimelineRow {
  nodeId: string;
  seq: number;
  bars: TimelineBar[];
  /** The run attempt its latest bar finished on. */
  attempts: number;
  /** Some bar of it needed a retry (see `retriedSteps`). */
  retried: boolean;
  /** First start to last finish of its bars. */
  spanMs: number;
  /** The node runs now (no row recorded yet) or waits (a delay, an approval): an open bar to the axis end. */
  live: boolean;
}

export interface TimelineTick {
  at: number;
  /** % of the axis. */
  left: number;
  label: string;
}

export interface TimelineLayout {
  rows: TimelineRow[];
  ticks: TimelineTick[];
  spanMs: number;
}

/** Bars never get thinner than this (% of the axis), so a 2 ms step is still visible and clickable. */
export const MIN_BAR_WIDTH = 0.8;

const STEPS_MS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

/** The smallest "nice" interval that splits `spanMs` into at most `maxTicks` parts. */
export function tickInterval(spanMs: number, maxTicks = 5): number {
  for (const step of STEPS_MS) if (spanMs / step <= maxTicks) return step;
  return Math.ceil(spanMs / maxTicks / 86_400_000) * 86_400_000;
}

export function tickLabel(ms: number, step: number): string {
  if (step < 1000) return `${ms} ms`;
  if (step < 60_000) return `${ms / 1000} s`;
  if (step < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

const time = (iso: string | null) => (iso === null ? Number.NaN : new Date(iso).getTime());

interface LayoutInput {
  steps: TimelineStep[];
  /** When the run started (or was created, if it has not started). */
  runStart: string | null;
  /** When it ended; null while it runs (then `now` closes the axis). */
  runEnd: string | null;
  now: string;
  /** Nodes executing now (no row yet), drawn as open bars from the last finish. */
  liveNodeIds?: string[];
}

const key = (s: TimelineStep) => `${s.nodeId}\u0000${s.iteration}`;

/**
 * Which steps were retried. A step records the run attempt it finished on, and the run's attempt
 * also moves on when it resumes after a pause, so a step counts as retried only when it finished
 * on a later attempt than the step that finished just before it started. A pausing step itself
 * finishes on the attempt that resumed it, which is no retry.
 */
export function retriedSteps(steps: TimelineStep[]): Set<string> {
  const ran = steps.filter((s) => s.status !== 'skipped' && !Number.isNaN(time(s.startedAt)) && !Number.isNaN(time(s.finishedAt)));
  const byFinish = [...ran].sort((a, b) => time(a.finishedAt) - time(b.finishedAt));
  const out = new Set<string>();
  for (const s of ran) {
    if (s.attempt <= 1 || s.pauses === true) continue;
    let baseline = 1;
    for (const other of byFinish) {
      if (other === s) continue;
      if (time(other.finishedAt) > time(s.startedAt)) break;
      baseline = other.attempt;
    }
    if (s.attempt > baseline) out.add(key(s));
  }
  return out;
}

export function timelineLayout({ steps, runStart, runEnd, now, liveNodeIds = [] }: LayoutInput): TimelineLayout {
  const ran = steps.filter((s) => s.status !== 'skipped' && !Number.isNaN(time(s.startedAt)) && !Number.isNaN(time(s.finishedAt)));
  const starts = ran.map((s) => time(s.startedAt));
  const ends = ran.map((s) => time(s.finishedAt));
  const startCandidates = [time(runStart), ...starts].filter((t) => !Number.isNaN(t));
  const t0 = startCandidates.length > 0 ? Math.min(...startCandidates) : time(now);
  const endCandidates = [runEnd === null ? time(now) : time(runEnd), ...ends].filter((t) => !Number.isNaN(t));
  const t1 = Math.max(t0 + 1, ...endCandidates);
  const span = t1 - t0;
  const pct = (t: number) => ((t - t0) / span) * 100;

  const retried = retriedSteps(ran);
  const rows = new Map<string, TimelineRow>();
  for (const s of [...ran].sort((a, b) => a.seq - b.seq || time(a.startedAt) - time(b.startedAt))) {
    const start = time(s.startedAt);
    // A step paused on (waiting) while the run is still open waits until now.
    const open = s.status === 'waiting' && runEnd === null;
    const end = open ? t1 : Math.max(start, time(s.finishedAt));
    const left = Math.min(pct(start), 100 - MIN_BAR_WIDTH);
    const bar: TimelineBar = { iteration: s.iteration, status: s.status, attempt: s.attempt, left, width: Math.max(MIN_BAR_WIDTH, pct(end) - left), durationMs: end - start };
    const row = rows.get(s.nodeId);
    if (row === undefined) rows.set(s.nodeId, { nodeId: s.nodeId, seq: s.seq, bars: [bar], attempts: s.attempt, retried: retried.has(key(s)), spanMs: end - start, live: open });
    else {
      row.bars.push(bar);
      row.attempts = Math.max(row.attempts, s.attempt);
      row.retried ||= retried.has(key(s));
      row.live ||= open;
    }
  }
  for (const row of rows.values()) {
    const first = Math.min(...row.bars.map((b) => b.left));
    const last = Math.max(...row.bars.map((b) => b.left + b.width));
    row.spanMs = Math.round(((last - first) / 100) * span);
    if (row.bars.length === 1) row.spanMs = row.bars[0]?.durationMs ?? row.spanMs;
  }
  // Open bars: from the latest recorded finish (when the worker moved on) to the axis end.
  const lastFinish = ends.length > 0 ? Math.max(...ends) : t0;
  for (const nodeId of liveNodeIds) {
    if (rows.has(nodeId)) continue;
    const left = Math.min(pct(lastFinish), 100 - MIN_BAR_WIDTH);
    rows.set(nodeId, { nodeId, seq: Number.MAX_SAFE_INTEGER, bars: [{ iteration: '', status: 'running', attempt: 1, left, width: Math.max(MIN_BAR_WIDTH, 100 - left), durationMs: t1 - lastFinish }], attempts: 1, retried: false, spanMs: t1 - lastFinish, live: true });
  }

  const step = tickInterval(span);
  const ticks: TimelineTick[] = [];
  for (let at = 0; at <= span; at += step) ticks.push({ at, left: (at / span) * 100, label: tickLabel(at, step) });
  return { rows: [...rows.values()].sort((a, b) => a.seq - b.seq), ticks, spanMs: span };
}
