'use client';
// Where you are signed in: each session's browser, address, sign-in and last use, "this device"
// marked; sign one out, all others, or all (which signs this browser out too).
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Badge } from '../ui/badge';
import { RelativeTime } from '../ui/time';
import { describeUserAgent } from './user-agent';
import type { SessionActions, SessionView } from './types';

const BUTTON = 'inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-60';
const DANGER = 'inline-flex h-8 items-center rounded-md border border-red-300 bg-white px-2.5 text-sm font-medium text-red-700 shadow-xs hover:bg-red-50 disabled:opacity-60';

export function SessionsPanel({ sessions, actions, now }: { sessions: SessionView[]; actions: SessionActions; now: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const others = sessions.filter((s) => !s.current).length;

  const run = (fn: () => Promise<{ ok: true; data: number } | { ok: false; error: string }>, done: (n: number) => string) =>
    start(async () => {
      const result = await fn();
      setMessage(result.ok ? { tone: 'ok', text: done(result.data) } : { tone: 'error', text: result.error });
      router.refresh();
    });

  return (
    <div>
      {message && (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="sessions-message"
          className={`mx-5 mt-4 rounded-md border px-3 py-2 text-sm ${message.tone === 'ok' ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-800'}`}
        >
          {message.text}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="sessions-table">
          <thead>
            <tr className="border-b border-slate-200 text-xs font-medium uppercase tracking-wide text-slate-500">
              <th className="px-5 py-2.5 font-medium">Browser</th>
              <th className="px-3 py-2.5 font-medium">Address</th>
              <th className="px-3 py-2.5 font-medium">Signed in</th>
              <th className="px-3 py-2.5 font-medium">Last seen</th>
              <th className="px-5 py-2.5" aria-label="Actions" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session-row" data-current={String(s.current)}>
                <td className="px-5 py-3">
                  <span className="flex items-center gap-2">
                    <span className="font-medium text-slate-900" title={s.userAgent ?? undefined}>
                      {describeUserAgent(s.userAgent)}
                    </span>
                    {s.current && <Badge tone="indigo">This device</Badge>}
                  </span>
                </td>
                <td className="px-3 py-3 font-mono text-xs text-slate-600">{s.ip ?? '—'}</td>
                <td className="px-3 py-3 text-slate-600">
                  <RelativeTime iso={s.createdAt} now={now} />
                </td>
                <td className="px-3 py-3 text-slate-600">
                  <RelativeTime iso={s.lastSeenAt} now={now} />
                </td>
                <td className="px-5 py-3 text-right">
                  {!s.current && (
                    <button type="button" className={BUTTON} disabled={pending} onClick={() => run(() => actions.revoke(s.id), () => 'That session was signed out.')}>
                      Sign out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <button
          type="button"
          className={BUTTON}
          disabled={pending || others === 0}
          onClick={() => run(actions.revokeOthers, (n) => (n === 1 ? '1 other session was signed out.' : `${n} other sessions were signed out.`))}
        >
          Sign out everywhere else
        </button>
        <button type="button" className={DANGER} disabled={pending} onClick={() => run(actions.revokeAll, () => 'Signed out everywhere.')}>
          Sign out everywhere
        </button>
      </div>
    </div>
  );
}
