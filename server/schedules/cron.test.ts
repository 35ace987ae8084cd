import { describe, expect, it } from 'vitest';
import { cronError, isKnownTimezone, nextRuns, scheduleIssues } from './cron';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';

const graph = (params: Record<string, unknown>) =>
  buildGraph([buildNode('trigger', 'schedule.recurrence', params, { label: 'Tick' }), buildNode('c', 'control.condition', { combinator: 'and', rules: [] })], [buildEdge('trigger', 'c')]);

describe('server schedule validation', () => {
  it('knows IANA time zones', () => {
    expect(isKnownTimezone('Europe/Paris')).toBe(true);
    expect(isKnownTimezone('UTC')).toBe(true);
    expect(isKnownTimezone('Mars/Olympus_Mons')).toBe(false);
  });

  it('reports cron values out of range with the parser reason', () => {
    expect(cronError('30 9 * * 1-5')).toBeNull();
    expect(cronError('61 * * * *')).toMatch(/61/);
    expect(cronError('0 25 * * *')).toMatch(/25/);
    expect(cronError('0 0 31 2 *')).not.toBeNull(); // February never has a 31st
  });

  it('gives publish issues with node id and param path', () => {
    expect(scheduleIssues(graph({ mode: 'cron', cron: '0 9 * * *', timezone: 'Europe/Paris' }))).toEqual([]);
    expect(scheduleIssues(graph({ mode: 'cron', cron: '0 9 32 * *' }))).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'trigger', path: ['cron'] })]);
    expect(scheduleIssues(graph({ timezone: 'Nowhere/Land' }))).toEqual([expect.objectContaining({ nodeId: 'trigger', path: ['timezone'], message: expect.stringContaining('Nowhere/Land') })]);
    // Not a schedule flow: nothing to say.
    expect(scheduleIssues(buildGraph([buildNode('trigger', 'defender.alertCreated', {})], []))).toEqual([]);
  });
});

describe('nextRuns', () => {
  const from = new Date('2026-03-28T12:00:00Z'); // a Saturday, the day before Paris moves to summer time

  it('lists the next cron ticks in the time zone, across a DST change', () => {
    const runs = nextRuns({ mode: 'interval', every: 1, unit: 'days', at: '09:30', timezone: 'Europe/Paris' }, from);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-29T07:30:00.000Z', '2026-03-30T07:30:00.000Z', '2026-03-31T07:30:00.000Z']);
    const weekdays = nextRuns({ mode: 'cron', cron: '0 9 * * 1-5', every: 1, unit: 'hours', timezone: 'America/New_York' }, from, 2);
    expect(weekdays.map((d) => d.toISOString())).toEqual(['2026-03-30T13:00:00.000Z', '2026-03-31T13:00:00.000Z']);
  });

  it('adds intervals for minute and hour schedules', () => {
    expect(nextRuns({ mode: 'interval', every: 20, unit: 'minutes', timezone: 'UTC' }, from).map((d) => d.toISOString())).toEqual([
      '2026-03-28T12:20:00.000Z',
      '2026-03-28T12:40:00.000Z',
      '2026-03-28T13:00:00.000Z',
    ]);
  });
});
