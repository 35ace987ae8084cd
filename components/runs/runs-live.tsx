'use client';
// The live run list: re-renders the server page in place (router.refresh keeps client state) when
// runs are queued or change, from the server-sent events of GET /api/v1/runs/events, at most once
// per `minGapMs`. Redis pub/sub delivers at most once, so the stream is a trigger, not the truth:
//  - every (re)connection refreshes once: runs queued between the page's render (or a drop) and
//    the subscription sent no event this view could see;
//  - a slow safety refresh catches a message lost on the server side (its Redis reconnecting);
//  - events while the tab is hidden or the list is paused are remembered, not dropped, and
//    applied when it is visible and free again;
//  - after repeated stream errors it polls instead.
// Paused (useLivePaused: rows ticked for a bulk action) it does not refresh at all.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useLivePaused } from './live-pause';

const MAX_STREAM_ERRORS = 3;

interface RunsLiveProps {
  minGapMs?: number;
  /** Refresh interval after falling back to polling. */
  pollMs?: number;
  /** Refresh interval while the stream is up, for anything it missed. */
  safetyMs?: number;
}

export function RunsLive({ minGapMs = 1000, pollMs = 3000, safetyMs = 30_000 }: RunsLiveProps) {
  const router = useRouter();
  const paused = useLivePaused();
  const [mode, setMode] = useState<'connecting' | 'stream' | 'poll'>('connecting');
  // Read by the long-lived effect below without restarting the stream on every pause.
  const pausedRef = useRef(paused);
  const catchUp = useRef<() => void>(() => undefined);

  useEffect(() => {
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    /** Something may have changed that the page does not show yet. */
    let stale = false;
    const refresh = () => {
      stale = true;
      if (pending !== null || pausedRef.current || document.visibilityState !== 'visible') return;
      pending = setTimeout(() => {
        pending = null;
        if (pausedRef.current || document.visibilityState !== 'visible') return;
        stale = false;
        last = Date.now();
        router.refresh();
      }, Math.max(0, last + minGapMs - Date.now()));
    };
    catchUp.current = () => {
      if (stale) refresh();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') catchUp.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    let timer: ReturnType<typeof setInterval> | null = null;
    const every = (ms: number) => {
      if (timer !== null) clearInterval(timer);
      timer = setInterval(refresh, ms);
    };
    const startPolling = () => {
      setMode('poll');
      every(pollMs);
    };
    let source: EventSource | null = null;
    if (typeof EventSource === 'undefined') startPolling();
    else {
      source = new EventSource('/api/v1/runs/events');
      let errors = 0;
      // Sent once the server's subscription is in place, on every (re)connection.
      source.addEventListener('ready', () => {
        errors = 0;
        setMode('stream');
        every(safetyMs);
        refresh();
      });
      source.addEventListener('runs', () => {
        errors = 0;
        refresh();
      });
      source.onerror = () => {
        errors += 1;
        if (errors >= MAX_STREAM_ERRORS) {
          source?.close();
          startPolling();
        }
      };
    }
    return () => {
      source?.close();
      document.removeEventListener('visibilitychange', onVisible);
      if (timer !== null) clearInterval(timer);
      if (pending !== null) clearTimeout(pending);
    };
  }, [router, minGapMs, pollMs, safetyMs]);

  useEffect(() => {
    pausedRef.current = paused;
    if (!paused) catchUp.current();
  }, [paused]);

  if (paused) {
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-amber-700" data-testid="runs-live" data-mode={mode} data-paused="true" title="New runs and status changes are shown again once no row is selected">
        <span className="h-1.5 w-1.5 rounded-full bg-amber-500" aria-hidden="true" />
        Paused while runs are selected
      </span>
    );
  }
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
      data-testid="runs-live"
      data-mode={mode}
      data-paused="false"
      title={mode === 'poll' ? 'Checking for new runs every few seconds' : 'Updates as runs arrive and change'}
    >
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
      Live
    </span>
  );
}
