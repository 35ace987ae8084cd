// "Hold the live list still": anything on a page (the bulk actions while rows are ticked) can
// pause the run list's live refresh, so a selected row never slides away under the pointer. A
// tiny store shared by the client components of one tab; the live view reads it with
// useSyncExternalStore and catches up once nothing holds it any more.
import { useSyncExternalStore } from 'react';

const holders = new Set<string>();
const listeners = new Set<() => void>();

/** `holder` names who pauses (one pause each), so two pausers cannot release each other's. */
export function setLivePaused(holder: string, paused: boolean): void {
  const had = holders.has(holder);
  if (paused === had) return;
  if (paused) holders.add(holder);
  else holders.delete(holder);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const snapshot = () => holders.size > 0;

export function useLivePaused(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
