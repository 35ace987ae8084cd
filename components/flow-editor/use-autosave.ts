'use client';
// Connects the store to the autosave controller: every user edit (graph, name, description)
// is handed over; the controller's status goes back into the store for the toolbar.
import { useEffect, useRef } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { createAutosave, type AutosaveController, type BackupStorage } from './model/autosave';
import type { EditorStore } from './store';
import type { EditorActions } from './types';

/** localStorage, or null when the browser blocks it (private mode, sandboxed frames). */
export function browserStorage(): BackupStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

const browserTimers = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clearTimeout: (handle: unknown) => window.clearTimeout(handle as number),
};

export function useAutosave(api: StoreApi<EditorStore>, flowId: string, baseVersion: number, save: EditorActions['saveDraft'], enabled: boolean) {
  const ref = useRef<AutosaveController | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const ctl = createAutosave({
      flowId,
      baseVersion,
      save,
      onState: (state) => api.getState().actions.setSave(state),
      storage: browserStorage(),
      timers: browserTimers,
      now: Date.now,
    });
    ref.current = ctl;
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.revision !== prev.revision && s.changeSource === 'user') ctl.change({ graph: s.graph, name: s.name, description: s.description });
    });
    // Leaving with unsaved changes: try to save and ask the browser to confirm (the local
    // backup covers the case where the page goes anyway).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (ctl.getState().status === 'saved') return;
      void ctl.flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      unsubscribe();
      ctl.dispose();
      if (ref.current === ctl) ref.current = null;
    };
    // baseVersion is the starting point only; later versions live in the controller.
  }, [api, flowId, save, enabled]);
  return ref;
}
