// One place that says how each step status looks on run detail: node frame, chip, legend dot,
// timeline bar and edge colour. Colour always comes with a text label (colour-blind readers).

export const NODE_STATUSES = ['succeeded', 'failed', 'running', 'waiting', 'stopped', 'skipped', 'not_reached'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export interface StatusStyle {
  label: string;
  /** Node card border and ring. */
  frame: string;
  /** Small status chip on the node and in lists. */
  chip: string;
  /** Legend dot and timeline bar fill. */
  fill: string;
  /** Stroke of an edge that was taken into a node of this status (hex, for SVG). */
  edge: string;
}

const STYLES: Record<NodeStatus, StatusStyle> = {
  succeeded: { label: 'Succeeded', frame: 'border-emerald-500 ring-2 ring-emerald-500/20', chip: 'bg-emerald-50 text-emerald-700', fill: 'bg-emerald-500', edge: '#10b981' },
  failed: { label: 'Failed', frame: 'border-red-500 ring-2 ring-red-500/20', chip: 'bg-red-50 text-red-700', fill: 'bg-red-500', edge: '#ef4444' },
  running: { label: 'Running', frame: 'border-sky-500 ring-2 ring-sky-500/30', chip: 'bg-sky-50 text-sky-700', fill: 'bg-sky-500', edge: '#0ea5e9' },
  waiting: { label: 'Waiting', frame: 'border-amber-500 ring-2 ring-amber-500/25', chip: 'bg-amber-50 text-amber-800', fill: 'bg-amber-500', edge: '#f59e0b' },
  // A step that was waiting or between tries when its run ended (cancelled, timed out).
  stopped: { label: 'Stopped', frame: 'border-slate-500 ring-2 ring-slate-500/20', chip: 'bg-slate-100 text-slate-700', fill: 'bg-slate-500', edge: '#64748b' },
  skipped: { label: 'Skipped', frame: 'border-slate-300 border-dashed opacity-60', chip: 'bg-slate-100 text-slate-500', fill: 'bg-slate-300', edge: '#cbd5e1' },
  not_reached: { label: 'Not reached', frame: 'border-slate-200 opacity-50', chip: 'bg-slate-50 text-slate-400', fill: 'bg-slate-200', edge: '#cbd5e1' },
};

/**
 * The view status of a recorded StepRun status. A `running` row is a try that failed and waits
 * for its retry: it is still in progress, so it reads as running.
 */
export function toNodeStatus(status: string | undefined): NodeStatus {
  if (status === undefined) return 'not_reached';
  return (NODE_STATUSES as readonly string[]).includes(status) ? (status as NodeStatus) : 'not_reached';
}

const RUN_ENDED = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);

/**
 * A step row as run detail shows it: a `waiting` or `running` row of a run that has ended (a
 * cancel during a Delay, a time limit between tries) will never finish, so it reads as stopped.
 */
export function stepViewStatus(stepStatus: string, runStatus: string): string {
  return RUN_ENDED.has(runStatus) && (stepStatus === 'waiting' || stepStatus === 'running') ? 'stopped' : stepStatus;
}

export function statusStyle(status: string | undefined): StatusStyle {
  return STYLES[toNodeStatus(status)];
}

/** Colour of an edge on a run: taken edges in their target's colour, others faint. */
export function edgeColourOnRun(taken: boolean, targetStatus: string | undefined, handle: string): string {
  if (!taken) return '#cbd5e1';
  if (handle === 'error') return STYLES.failed.edge;
  const target = toNodeStatus(targetStatus);
  // A taken edge into a node still to run (the run stopped) keeps a neutral "taken" colour.
  return target === 'not_reached' || target === 'skipped' ? '#64748b' : STYLES[target].edge;
}
