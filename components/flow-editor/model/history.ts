// Undo/redo over whole graph snapshots. Snapshots share unchanged nodes by reference (edits
// are immutable), so 200 steps of a 500-node flow cost little memory.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Group of the last push, for coalescing keystrokes in one field into one step. */
  group: string | null;
  /** When the last push happened (ms), for the coalescing window. */
  at: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1000;

export function createHistory<T>(initial: T): History<T> {
  return { past: [], present: initial, future: [], group: null, at: 0 };
}

export interface PushOptions {
  group?: string;
  now: number;
  limit?: number;
}

/**
 * Records `next` as the present. Consecutive pushes with the same group within ~1 s replace the
 * present instead of adding a step (typing "High" is one undo step, not four). A new edit
 * always clears redo.
 */
export function push<T>(h: History<T>, next: T, { group, now, limit = HISTORY_LIMIT }: PushOptions): History<T> {
  if (next === h.present) return h;
  const coalesce = group !== undefined && group === h.group && now - h.at < COALESCE_MS;
  if (coalesce) return { past: h.past, present: next, future: [], group: group ?? null, at: now };
  const past = [...h.past, h.present];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, present: next, future: [], group: group ?? null, at: now };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const present = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present, future: [h.present, ...h.future], group: null, at: 0 };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [present, ...future] = h.future;
  return { past: [...h.past, h.present], present, future, group: null, at: 0 };
}
