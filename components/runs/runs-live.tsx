'use client';
// For run lists: re-renders the server page in place (router.refresh) when runs are queued or
// change, from the server-sent events of GET /api/v1/runs/events, at most once per `minGapMs`.
// Falls back to refreshing on a timer if the stream cannot be held. `onlyQueued` limits it to new
// runs (a list sorted by creation only needs those; status changes of visible rows also come in
// otherwise).
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const MAX_STREAM_ERRORS = 3;

export function RunsLive({ minGapMs = 1000, pollMs = 5000, onlyQueued = false }: { minGapMs?: number; pollMs?: number; onlyQueued?: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<'stream' | 'poll'>('stream');

  useEffect(() => {
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (pending !== null || document.visibilityState !== 'visible') return;
      pending = setTimeout(() => {
        pending = null;
        last = Date.now();
        router.refresh();
      }, Math.max(0, last + minGapMs - Date.now()));
    };
    let poll: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setMode('poll');
      poll ??= setInterval(refresh, pollMs);
    };
    let source: EventSource | null = null;
    if (typeof EventSource === 'undefined') startPolling();
    else {
      source = new EventSource('/api/v1/runs/events');
      let errors = 0;
      source.addEventListener('ready', () => {
        errors = 0;
      });
      source.addEventListener('runs', (e) => {
        errors = 0;
        const data = JSON.parse((e as MessageEvent<string>).data) as { queued?: unknown };
        if (!onlyQueued || data.queued === true) refresh();
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
      if (poll !== null) clearInterval(poll);
      if (pending !== null) clearTimeout(pending);
    };
  }, [router, minGapMs, pollMs, onlyQueued]);

  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="runs-live" data-mode={mode}>
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
      Live
    </span>
  );
}
