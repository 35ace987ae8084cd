import { describe, expect, it } from 'vitest';
import { formatInZone, previewSchedule } from './schedule-preview';

const now = new Date('2026-03-28T12:00:00Z');

describe('previewSchedule', () => {
  it('shows a daily schedule in words and its next runs in the chosen zone', () => {
    const p = previewSchedule({ mode: 'interval', every: 1, unit: 'days', at: '09:30', timezone: 'Europe/Paris' }, now);
    expect(p).toEqual({
      ok: true,
      summary: 'Every day at 09:30 (Europe/Paris)',
      approximate: false,
      nextRuns: ['Sun, 29 Mar 2026, 09:30 (Europe/Paris)', 'Mon, 30 Mar 2026, 09:30 (Europe/Paris)', 'Tue, 31 Mar 2026, 09:30 (Europe/Paris)'],
    });
  });

  it('counts intervals from now and says so', () => {
    const p = previewSchedule({ mode: 'interval', every: 45, unit: 'minutes' }, now);
    expect(p).toMatchObject({ ok: true, summary: 'Every 45 minutes', approximate: true, nextRuns: [expect.stringContaining('12:45'), expect.stringContaining('13:30'), expect.stringContaining('14:15')] });
  });

  it('explains what is wrong instead of showing runs', () => {
    expect(previewSchedule({ mode: 'cron', cron: '61 * * * *' }, now)).toMatchObject({ ok: false, error: expect.stringContaining('61') });
    expect(previewSchedule({ mode: 'cron' }, now)).toMatchObject({ ok: false, error: expect.stringContaining('Complete') });
    expect(previewSchedule({ timezone: 'Mars/Base' }, now)).toMatchObject({ ok: false, error: expect.stringContaining('Mars/Base') });
  });

  it('formats in 24-hour wall-clock time of the zone', () => {
    expect(formatInZone(new Date('2026-07-01T18:05:00Z'), 'America/New_York')).toBe('Wed, 1 Jul 2026, 14:05 (America/New_York)');
  });
});
