import { describe, expect, it } from 'vitest';
import { linkPageState } from './link-state';

const now = Date.parse('2026-12-01T12:00:00Z');
const base = { status: 'pending', expiresAt: '2026-12-01T13:00:00Z', timeoutOutcome: 'rejected', decidedBy: null, decidedAt: null };
const fmt = (iso: string) => iso.slice(0, 16).replace('T', ' ');

describe('signed approval link page', () => {
  it('offers the decision only while pending and before the deadline', () => {
    expect(linkPageState(base, now, fmt)).toEqual({ kind: 'open' });
  });

  it('says a pending request past its deadline has expired (before maintenance closed it)', () => {
    expect(linkPageState({ ...base, expiresAt: '2026-12-01T11:59:00Z' }, now, fmt)).toEqual({
      kind: 'expired',
      message: 'This request expired on 2026-12-01 11:59; it is rejected by default. This link no longer decides anything.',
    });
  });

  it('says a timed-out request expired', () => {
    const s = linkPageState({ ...base, status: 'timed_out', decidedAt: '2026-12-01T11:00:00Z', decidedBy: 'timeout' }, now, fmt);
    expect(s).toMatchObject({ kind: 'expired' });
    expect(s.kind !== 'open' && s.message).toContain('expired on 2026-12-01 11:00 and was rejected by default');
  });

  it('says who decided a used link, and that a link decides once', () => {
    const s = linkPageState({ ...base, status: 'approved', decidedBy: 'lead@test.local', decidedAt: '2026-12-01T11:30:00Z' }, now, fmt);
    expect(s).toEqual({ kind: 'closed', message: 'Already approved by lead@test.local on 2026-12-01 11:30. A link decides only once; nothing more to do.' });
  });

  it('says a cancelled run closed the request', () => {
    expect(linkPageState({ ...base, status: 'cancelled' }, now, fmt)).toMatchObject({ kind: 'closed', message: expect.stringContaining('cancelled') });
  });
});
