'use client';
// Keeps run detail current without reloading: listens to the run's server-sent events
// (GET /api/v1/runs/{id}/events) and re-renders the server page in place (router.refresh keeps
// client state) whenever the run's version moves on. If the stream cannot be held (a proxy
// that buffers, repeated errors), it falls back to refreshing on a timer.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** Consecutive stream errors before polling takes over. */
const MAX_STREAM_ERRORS = 3;
const POLL_MS = 3000;
/** Refreshes closer together than this are merged (a burst of steps is one re-render). */
const MIN_REFRESH_GAP_MS = 400;

export function RunLive({ runId, version, active }: { runId: string; version: string; active: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<'stream' | 'poll'>('stream');
  const shown = useRef(version);
  shown.current = version;

  useEffect(() => {
    if (!active) return;
    let lastRefresh = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (pending !== null) return;
      const wait = Math.max(0, lastRefresh + MIN_REFRESH_GAP_MS - Date.now());
      pending = setTimeout(() => {
        pending = null;
        lastRefresh = Date.now();
        router.refresh();
      }, wait);
    };
    let poll: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setMode('poll');
      poll ??= setInterval(() => {
        if (document.visibilityState === 'visible') refresh();
      }, POLL_MS);
    };
    if (typeof EventSource === 'undefined') {
      startPolling();
      return () => {
        if (poll !== null) clearInterval(poll);
        if (pending !== null) clearTimeout(pending);
      };
    }
    const source = new EventSource(`/api/v1/runs/${encodeURIComponent(runId)}/events`);
    let errors = 0;
    source.addEventListener('version', (e) => {
      errors = 0;
      const data = JSON.parse((e as MessageEvent<string>).data) as { version?: unknown };
      if (typeof data.version === 'string' && data.version !== shown.current) refresh();
    });
    source.addEventListener('end', () => {
      source.close();
      refresh();
    });
    source.onerror = () => {
      errors += 1;
      if (errors >= MAX_STREAM_ERRORS) {
        source.close();
        startPolling();
      }
    };
    return () => {
      source.close();
      if (poll !== null) clearInterval(poll);
      if (pending !== null) clearTimeout(pending);
    };
  }, [runId, active, router]);

  if (!active) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="run-live" data-mode={mode} title={mode === 'stream' ? 'Updates as steps finish' : 'Checking for updates every few seconds'}>
      <span className="relative flex h-2 w-2" aria-hidden="true">
        <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />
        <span className="relative inline-flex h-2 w-2 rounded-full bg-emerald-500" />
      </span>
      Live
    </span>
  );
}
