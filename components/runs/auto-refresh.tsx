'use client';
// Re-renders the server page every few seconds so new runs and step progress appear without a
// reload. router.refresh() keeps client state (open <details>, scroll) intact.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function AutoRefresh({ intervalMs = 3000, enabled = true }: { intervalMs?: number; enabled?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      // No point polling a tab nobody is looking at.
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs, enabled]);
  if (!enabled) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="auto-refresh">
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
      Live
    </span>
  );
}
