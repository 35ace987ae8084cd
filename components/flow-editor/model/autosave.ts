// "Never lose an edit": debounced autosave of the draft with optimistic concurrency, a local
// backup while a save is pending or failing, retries with backoff when offline, and a conflict
// state (never an overwrite) when the server has a newer draft. Pure: timers, clock, storage
// and the save call are injected, so every path is unit-tested without a browser.
import type { TDraftGraph } from '@/core/flow/schema';
import type { EditorFlow, SaveDraftResult } from '../types';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

export interface Draft {
  graph: TDraftGraph;
  name: string;
  description: string;
}

export interface AutosaveState {
  status: SaveStatus;
  /** The server draft version the next save is based on. */
  baseVersion: number;
  lastSavedAt: string | null;
  message: string | null;
  /** Set with status `conflict`: the flow as the server has it now. */
  conflict: EditorFlow | null;
}

export interface LocalBackup extends Draft {
  flowId: string;
  baseVersion: number;
  savedAt: string;
}

export type BackupStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutosaveDeps {
  flowId: string;
  baseVersion: number;
  save(input: Draft & { flowId: string; baseVersion: number }): Promise<SaveDraftResult>;
  onState(state: AutosaveState): void;
  storage: BackupStorage | null;
  timers: Timers;
  now(): number;
  debounceMs?: number;
  maxBackoffMs?: number;
}

export function backupKey(flowId: string): string {
  return `riposte:draft:${flowId}`;
}

export function readBackup(storage: BackupStorage | null, flowId: string): LocalBackup | null {
  if (storage === null) return null;
  try {
    const raw = storage.getItem(backupKey(flowId));
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    if (!isBackup(value) || value.flowId !== flowId) return null;
    return value;
  } catch {
    return null; // storage blocked or corrupt JSON: nothing to recover
  }
}

function isBackup(v: unknown): v is LocalBackup {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return (
    typeof b.flowId === 'string' &&
    typeof b.baseVersion === 'number' &&
    typeof b.savedAt === 'string' &&
    typeof b.name === 'string' &&
    typeof b.description === 'string' &&
    typeof b.graph === 'object' &&
    b.graph !== null
  );
}

export function clearBackup(storage: BackupStorage | null, flowId: string): void {
  try {
    storage?.removeItem(backupKey(flowId));
  } catch {
    // storage unavailable: nothing kept, nothing to clear
  }
}

/**
 * A backup worth offering after a reload: one exists (it is only cleared by a successful save)
 * and it differs from what the server has. `stale` tells the user the server moved on since.
 */
export function recoverableBackup(storage: BackupStorage | null, flow: EditorFlow): { backup: LocalBackup; stale: boolean } | null {
  const backup = readBackup(storage, flow.id);
  if (backup === null) return null;
  const same =
    backup.name === flow.name && backup.description === flow.description && JSON.stringify(backup.graph) === JSON.stringify(flow.graph);
  if (same) {
    clearBackup(storage, flow.id);
    return null;
  }
  return { backup, stale: backup.baseVersion < flow.draftVersion };
}

export interface AutosaveController {
  /** The user changed something: back it up locally and save after a pause. */
  change(draft: Draft): void;
  /** Save now (the Save button, or before leaving). Resolves when the save settles. */
  flush(): Promise<void>;
  /** The server's draft replaced ours (reload theirs / restore a version): nothing pending. */
  reset(baseVersion: number, savedAt?: string | null): void;
  getState(): AutosaveState;
  dispose(): void;
}

export function createAutosave(deps: AutosaveDeps): AutosaveController {
  const debounceMs = deps.debounceMs ?? 800;
  const maxBackoffMs = deps.maxBackoffMs ?? 30_000;
  let state: AutosaveState = { status: 'saved', baseVersion: deps.baseVersion, lastSavedAt: null, message: null, conflict: null };
  let pending: Draft | null = null;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  let disposed = false;

  const set = (patch: Partial<AutosaveState>) => {
    state = { ...state, ...patch };
    if (!disposed) deps.onState(state);
  };

  const schedule = (ms: number) => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => {
      timer = null;
      void run();
    }, ms);
  };

  const writeBackup = (draft: Draft) => {
    if (deps.storage === null) return;
    const backup: LocalBackup = { ...draft, flowId: deps.flowId, baseVersion: state.baseVersion, savedAt: new Date(deps.now()).toISOString() };
    try {
      deps.storage.setItem(backupKey(deps.flowId), JSON.stringify(backup));
    } catch {
      // quota exceeded or storage blocked: the server save is still attempted
    }
  };

  const run = async (): Promise<void> => {
    if (inFlight !== null) return inFlight; // the settle handler saves again if more changed
    if (pending === null || state.status === 'conflict' || disposed) return;
    const draft = pending;
    pending = null;
    set({ status: 'saving', message: null });
    inFlight = (async () => {
      let result: SaveDraftResult;
      try {
        result = await deps.save({ ...draft, flowId: deps.flowId, baseVersion: state.baseVersion });
      } catch {
        // Network failure (server action could not be reached): keep the draft and retry.
        failures += 1;
        pending ??= draft;
        set({ status: 'offline', message: 'Offline — changes kept locally' });
        schedule(Math.min(maxBackoffMs, 1000 * 2 ** Math.min(failures - 1, 5)));
        return;
      }
      failures = 0;
      if (result.ok) {
        set({ baseVersion: result.draftVersion, lastSavedAt: result.savedAt });
        if (pending === null) {
          clearBackup(deps.storage, deps.flowId);
          set({ status: 'saved', message: null });
        } else {
          set({ status: 'dirty' });
          schedule(debounceMs);
        }
      } else if ('current' in result) {
        // Someone saved in between: never overwrite, let the user choose.
        pending ??= draft;
        set({ status: 'conflict', message: result.message, conflict: result.current });
      } else {
        pending ??= draft;
        set({ status: 'error', message: result.message });
      }
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  };

  return {
    change(draft) {
      pending = draft;
      writeBackup(draft);
      if (state.status === 'conflict') return; // wait for the user's choice
      if (state.status !== 'offline' && state.status !== 'saving') set({ status: 'dirty' });
      // While offline the backoff timer owns the schedule: do not hammer a dead network.
      if (state.status !== 'offline') schedule(debounceMs);
    },
    async flush() {
      if (timer !== null) {
        deps.timers.clearTimeout(timer);
        timer = null;
      }
      if (inFlight !== null) await inFlight;
      await run();
    },
    reset(baseVersion, savedAt = null) {
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
      pending = null;
      failures = 0;
      clearBackup(deps.storage, deps.flowId);
      set({ status: 'saved', baseVersion, lastSavedAt: savedAt ?? state.lastSavedAt, message: null, conflict: null });
    },
    getState: () => state,
    dispose() {
      disposed = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
    },
  };
}
