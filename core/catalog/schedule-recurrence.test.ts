import { describe, expect, it } from 'vitest';
import { scheduleParamsOf, scheduleRecurrence } from './schedule-recurrence';
import { getNodeType, handlesOf } from './index';
import { checkFlow } from '../flow/check';
import { buildEdge, buildGraph, buildNode } from '../testing/builders';

const graphWith = (params: Record<string, unknown>) =>
  buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence', params),
      buildNode('check', 'control.condition', { combinator: 'and', rules: [{ left: '{{ trigger.scheduledFor }}', operator: 'isNotEmpty', right: '' }] }),
    ],
    [buildEdge('trigger', 'check')],
  );

const errorsOf = (params: Record<string, unknown>) => {
  const r = checkFlow(graphWith(params));
  return r.ok ? [] : r.issues.filter((i) => i.severity === 'error');
};

describe('schedule.recurrence catalog entry', () => {
  it('is a trigger in Triggers with one out handle and the tick as outputs', () => {
    expect(getNodeType('schedule.recurrence')).toBe(scheduleRecurrence);
    expect(scheduleRecurrence).toMatchObject({ kind: 'trigger', category: 'Triggers', sideEffect: false });
    expect(handlesOf(scheduleRecurrence)).toEqual(['out']);
    expect(scheduleRecurrence.outputFields.map((f) => [f.path, f.type])).toEqual([
      ['scheduledFor', 'datetime'],
      ['firedAt', 'datetime'],
      ['timezone', 'string'],
    ]);
    expect('connectionKind' in scheduleRecurrence).toBe(false);
  });

  it('defaults to every 1 hour in UTC', () => {
    expect(scheduleParamsOf({})).toEqual({ mode: 'interval', every: 1, unit: 'hours', timezone: 'UTC' });
  });

  it('accepts every 1–1000 minutes, hours or days, with an optional HH:MM time', () => {
    expect(scheduleParamsOf({ every: 1000, unit: 'minutes' })).toMatchObject({ every: 1000, unit: 'minutes' });
    expect(scheduleParamsOf({ every: 2, unit: 'days', at: '23:59', timezone: 'Europe/Paris' })).toMatchObject({ at: '23:59', timezone: 'Europe/Paris' });
    for (const bad of [{ every: 0 }, { every: 1001 }, { every: 1.5 }, { every: '5' }, { unit: 'seconds' }, { unit: 'weeks' }, { at: '24:00' }, { at: '9:30' }, { at: '09:60' }]) {
      expect(scheduleParamsOf(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('checks the shape of a 5-field cron expression and points at the param', () => {
    expect(errorsOf({ mode: 'cron', cron: '30 9 * * 1-5' })).toEqual([]);
    expect(errorsOf({ mode: 'cron', cron: '*/15 * * * *', timezone: 'America/Argentina/Buenos_Aires' })).toEqual([]);
    expect(errorsOf({ mode: 'cron', cron: '0 0 1 JAN,JUL MON#1' })).toEqual([]);
    const sixFields = errorsOf({ mode: 'cron', cron: '*/5 * * * * *' });
    expect(sixFields).toEqual([expect.objectContaining({ nodeId: 'trigger', path: ['cron'], message: expect.stringContaining('5 fields') })]);
    const badChars = errorsOf({ mode: 'cron', cron: '0 9 * * $(reboot)' });
    expect(badChars).toEqual([expect.objectContaining({ path: ['cron'], message: expect.stringContaining('day of week') })]);
  });

  it('needs a cron expression in cron mode, and ignores one in interval mode', () => {
    expect(errorsOf({ mode: 'cron' })).toEqual([expect.objectContaining({ code: 'InvalidParam', path: ['cron'], message: expect.stringContaining('needs a cron expression') })]);
    expect(errorsOf({ mode: 'cron', cron: '   ' })).toEqual([expect.objectContaining({ path: ['cron'] })]);
    expect(scheduleParamsOf({ mode: 'cron' })).toBeNull();
    expect(errorsOf({ mode: 'interval', every: 5, unit: 'minutes' })).toEqual([]);
  });

  it('rejects time zones that are not IANA-shaped names', () => {
    expect(errorsOf({ timezone: 'Europe/Paris; DROP' })).toEqual([expect.objectContaining({ path: ['timezone'] })]);
    expect(errorsOf({ timezone: '+02:00' })).toEqual([expect.objectContaining({ path: ['timezone'] })]);
    expect(errorsOf({ timezone: 'Etc/GMT+5' })).toEqual([]);
  });
});
