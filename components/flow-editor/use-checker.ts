'use client';
// Re-runs core's checker after graph edits. Debounced so typing in the inspector on a large
// flow does not re-check on every keystroke; small flows get near-instant feedback.
import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { checkFlow } from '@/core/flow/check';
import type { EditorStore } from './store';

export function useChecker(api: StoreApi<EditorStore>): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.graph === prev.graph) return;
      if (timer !== null) clearTimeout(timer);
      const delay = s.graph.nodes.length > 100 ? 150 : 30;
      timer = setTimeout(() => {
        timer = null;
        const { graph, actions, checkContext } = api.getState();
        actions.setIssues(checkFlow(graph, checkContext).issues);
      }, delay);
    });
    // A large flow's first check was deferred by the store: run it once the canvas is up.
    if (api.getState().issuesPending) {
      timer = setTimeout(() => {
        timer = null;
        const { graph, actions, checkContext } = api.getState();
        actions.setIssues(checkFlow(graph, checkContext).issues);
      }, 0);
    }
    return () => {
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    };
  }, [api]);
}
