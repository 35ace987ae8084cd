// What the signed-link page shows for a genuine link: the decision form only while the request is
// pending AND not past its deadline (maintenance may not have closed it yet), otherwise why not.
export type LinkPageState =
  | { kind: 'open' }
  | { kind: 'expired'; message: string }
  | { kind: 'closed'; message: string };

interface LinkApproval {
  status: string;
  expiresAt: string;
  timeoutOutcome: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export function linkPageState(a: LinkApproval, now: number, formatTime: (iso: string) => string): LinkPageState {
  if (a.status === 'pending') {
    if (Date.parse(a.expiresAt) > now) return { kind: 'open' };
    return { kind: 'expired', message: `This request expired on ${formatTime(a.expiresAt)}; it is ${a.timeoutOutcome} by default. This link no longer decides anything.` };
  }
  if (a.status === 'timed_out') {
    return { kind: 'expired', message: `This request expired${a.decidedAt ? ` on ${formatTime(a.decidedAt)}` : ''} and was ${a.timeoutOutcome} by default. This link no longer decides anything.` };
  }
  if (a.status === 'cancelled') return { kind: 'closed', message: 'The run was cancelled, so this request is closed. Nothing more to do.' };
  const by = a.decidedBy ? ` by ${a.decidedBy}` : '';
  const on = a.decidedAt ? ` on ${formatTime(a.decidedAt)}` : '';
  return { kind: 'closed', message: `Already ${a.status}${by}${on}. A link decides only once; nothing more to do.` };
}
