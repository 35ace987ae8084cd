import { describe, expect, it } from 'vitest';
import { cronShapeError, describeCron, describeSchedule, repeatSpecOf, type ScheduleParams } from './recurrence';

const p = (over: Partial<ScheduleParams>): ScheduleParams => ({ mode: 'interval', every: 1, unit: 'hours', timezone: 'UTC', ...over });

describe('cronShapeError', () => {
  it('accepts 5 fields of cron characters', () => {
    for (const ok of ['* * * * *', '0 9 * * 1-5', '*/10 0-6,20-23 1,15 * SUN', '0 0 L * ?', '  5   4 * * *  ']) expect(cronShapeError(ok), ok).toBeNull();
  });
  it('names the problem', () => {
    expect(cronShapeError('* * * *')).toContain('it has 4');
    expect(cronShapeError('0 0 * * * *')).toContain('it has 6');
    expect(cronShapeError('')).toContain('it has 0');
    expect(cronShapeError('0 9; * * *')).toContain('hour field');
  });
});

describe('repeatSpecOf', () => {
  it('turns minutes and hours into fixed intervals', () => {
    expect(repeatSpecOf(p({ every: 15, unit: 'minutes' }))).toEqual({ kind: 'every', everyMs: 15 * 60_000 });
    expect(repeatSpecOf(p({ every: 2, unit: 'hours' }))).toEqual({ kind: 'every', everyMs: 2 * 3_600_000 });
    // The test hook shortens a minute; nothing else changes.
    expect(repeatSpecOf(p({ every: 3, unit: 'minutes' }), { minuteMs: 1000 })).toEqual({ kind: 'every', everyMs: 3000 });
  });
  it('turns days into a cron at the time of day in the time zone', () => {
    expect(repeatSpecOf(p({ unit: 'days', at: '09:30', timezone: 'Europe/Paris' }))).toEqual({ kind: 'cron', pattern: '30 9 * * *', tz: 'Europe/Paris' });
    expect(repeatSpecOf(p({ every: 3, unit: 'days' }))).toEqual({ kind: 'cron', pattern: '0 0 */3 * *', tz: 'UTC' });
  });
  it('passes a cron expression through, whitespace normalised', () => {
    expect(repeatSpecOf(p({ mode: 'cron', cron: ' 0  9 * * 1-5 ', timezone: 'Asia/Tokyo' }))).toEqual({ kind: 'cron', pattern: '0 9 * * 1-5', tz: 'Asia/Tokyo' });
  });
});

describe('describeSchedule', () => {
  it('says it in words', () => {
    expect(describeSchedule(p({ every: 1, unit: 'minutes' }))).toBe('Every minute');
    expect(describeSchedule(p({ every: 15, unit: 'minutes' }))).toBe('Every 15 minutes');
    expect(describeSchedule(p({ every: 1, unit: 'hours' }))).toBe('Every hour');
    expect(describeSchedule(p({ unit: 'days', at: '09:30', timezone: 'Europe/Paris' }))).toBe('Every day at 09:30 (Europe/Paris)');
    expect(describeSchedule(p({ every: 2, unit: 'days' }))).toContain('Every 2 days at 00:00 (UTC; days 1, 3, 5');
    expect(describeSchedule(p({ mode: 'cron', cron: '30 9 * * 1-5', timezone: 'UTC' }))).toBe('Every weekday (Monday to Friday) at 09:30 (UTC)');
  });
  it('describes common cron shapes and quotes the rest', () => {
    expect(describeCron('*/5 * * * *')).toBe('Every 5 minutes');
    expect(describeCron('15 * * * *')).toBe('Every hour at minute 15');
    expect(describeCron('0 */6 * * *')).toBe('Every 6 hours at minute 0');
    expect(describeCron('0 8 * * 1,3')).toBe('Every Monday, Wednesday at 08:00');
    expect(describeCron('0 8 1 * *')).toBe('On day 1 of every month at 08:00');
    expect(describeCron('0 8 1-7 * 1')).toBe('Cron "0 8 1-7 * 1"');
  });
});
