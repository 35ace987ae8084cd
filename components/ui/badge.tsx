// Status and severity badges: colour AND text, so state is readable without colour vision.
import type { ReactNode } from 'react';

type Tone = 'green' | 'red' | 'amber' | 'blue' | 'slate' | 'orange' | 'indigo';

const TONES: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  orange: 'bg-orange-50 text-orange-700 ring-orange-600/20',
  blue: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  slate: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-600/20',
};

const DOTS: Record<Tone, string> = {
  green: 'bg-emerald-500',
  red: 'bg-red-500',
  amber: 'bg-amber-500',
  orange: 'bg-orange-500',
  blue: 'bg-sky-500',
  slate: 'bg-slate-400',
  indigo: 'bg-indigo-500',
};

export function Badge({ tone, children, dot = false, pulse = false }: { tone: Tone; children: ReactNode; dot?: boolean; pulse?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {dot && <span className={`h-1.5 w-1.5 rounded-full ${DOTS[tone]} ${pulse ? 'animate-pulse' : ''}`} aria-hidden="true" />}
      {children}
    </span>
  );
}

const STATUS: Record<string, { tone: Tone; label: string }> = {
  queued: { tone: 'slate', label: 'Queued' },
  running: { tone: 'blue', label: 'Running' },
  waiting: { tone: 'amber', label: 'Waiting' },
  succeeded: { tone: 'green', label: 'Succeeded' },
  failed: { tone: 'red', label: 'Failed' },
  cancelled: { tone: 'slate', label: 'Cancelled' },
  timed_out: { tone: 'red', label: 'Timed out' },
  skipped: { tone: 'slate', label: 'Skipped' },
  stopped: { tone: 'slate', label: 'Stopped' },
};

/** Run or step status. Unknown statuses still render, as neutral text. */
export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: 'slate' as const, label: status };
  return (
    <Badge tone={s.tone} dot pulse={status === 'running'}>
      {s.label}
    </Badge>
  );
}

const SEVERITY: Record<string, Tone> = { High: 'red', Medium: 'orange', Low: 'amber', Informational: 'blue' };

export function SeverityBadge({ severity }: { severity: string | null | undefined }) {
  if (!severity) return null;
  return <Badge tone={SEVERITY[severity] ?? 'slate'}>{severity}</Badge>;
}

export const TERMINAL_RUN_STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];
