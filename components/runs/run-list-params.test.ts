import { describe, expect, it } from 'vitest';
import { formatCount, isFiltered, readRunListParams, runListHref, toDatetimeLocal, toggleStatus, utcInstant } from './run-list-params';

describe('run list params', () => {
  it('reads statuses from repeated or comma-separated values and drops blanks', () => {
    const p = readRunListParams({ status: ['failed,timed_out', 'failed'], q: '  powershell ', machine: '', cursor: 'abc' });
    expect(p.status).toEqual(['failed', 'timed_out']);
    expect(p.q).toBe('powershell');
    expect(p.machine).toBeUndefined();
    expect(isFiltered(p)).toBe(true);
    expect(isFiltered(readRunListParams({ cursor: 'abc', direction: 'newer' }))).toBe(false);
  });

  it('builds links that keep filters and drop the cursor unless given', () => {
    const p = readRunListParams({ status: 'failed', flowId: 'f1', cursor: 'c1', direction: 'newer' });
    expect(runListHref(p)).toBe('/runs?status=failed&flowId=f1');
    expect(runListHref(p, { status: toggleStatus(p.status, 'running') })).toBe('/runs?status=failed%2Crunning&flowId=f1');
    expect(runListHref(p, { status: toggleStatus(p.status, 'failed') })).toBe('/runs?flowId=f1');
    expect(runListHref(p, { cursor: 'c2' })).toBe('/runs?status=failed&flowId=f1&cursor=c2');
    expect(runListHref(readRunListParams({}))).toBe('/runs');
  });

  it('reads datetime-local values as UTC', () => {
    expect(utcInstant('2026-12-01T08:30')).toBe('2026-12-01T08:30:00Z');
    expect(utcInstant('2026-12-01T08:30:15')).toBe('2026-12-01T08:30:15Z');
    expect(utcInstant('2026-12-01T08:30:00+02:00')).toBe('2026-12-01T08:30:00+02:00');
    expect(toDatetimeLocal('2026-12-01T08:30:00+02:00')).toBe('2026-12-01T06:30');
    expect(toDatetimeLocal('nonsense')).toBe('');
  });

  it('formats capped counts', () => {
    expect(formatCount(10000, true)).toBe('10,000+');
    expect(formatCount(42, false)).toBe('42');
  });
});
