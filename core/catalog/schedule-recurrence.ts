import { z } from 'zod';
import { SCHEDULE_UNITS, ZCronExpression, ZTimeOfDay, ZTimezone, type ScheduleParams } from '../schedule/recurrence';
import { meta } from './fields';
import type { NodeTypeDef, ParamCrossIssue } from './types';

/**
 * Trigger: a recurrence ("every 15 minutes", "every day at 09:30") or a 5-field cron expression
 * in a time zone. The worker keeps one BullMQ job scheduler per enabled flow and creates one run
 * per tick (at most one, whatever the number of workers: a unique key on flow + tick time).
 * The inspector edits all params in one schedule widget (the `schedule` widget on `mode`).
 */
export const scheduleRecurrence = {
  type: 'schedule.recurrence',
  title: 'On a schedule',
  description: 'Starts the flow on a recurrence (every N minutes, hours or days) or a cron expression in a time zone.',
  category: 'Triggers',
  icon: 'clock',
  kind: 'trigger',
  outputs: ['out'],
  params: z.object({
    mode: meta(z.enum(['interval', 'cron']).default('interval'), {
      title: 'Schedule',
      description: 'A simple recurrence or a cron expression.',
      widget: 'schedule',
    }),
    every: meta(z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1), { title: 'Every' }),
    unit: meta(z.enum(SCHEDULE_UNITS).default('hours'), { title: 'Unit' }),
    at: meta(ZTimeOfDay.optional(), { title: 'At', description: 'Time of day (HH:MM) for daily schedules; default 00:00.' }),
    cron: meta(ZCronExpression.optional(), { title: 'Cron expression', description: 'minute hour day-of-month month day-of-week, e.g. 30 9 * * 1-5' }),
    timezone: meta(ZTimezone.default('UTC'), { title: 'Time zone', description: 'IANA name, e.g. Europe/Paris.' }),
  }),
  crossCheck(params) {
    const issues: ParamCrossIssue[] = [];
    const cron = params.cron;
    if (params.mode === 'cron' && (typeof cron !== 'string' || cron.trim() === '')) {
      issues.push({ path: ['cron'], message: 'needs a cron expression (or choose the simple recurrence).' });
    }
    return issues;
  },
  outputFields: [
    { path: 'scheduledFor', label: 'Scheduled for', type: 'datetime' },
    { path: 'firedAt', label: 'Fired at', type: 'datetime' },
    { path: 'timezone', label: 'Time zone', type: 'string' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;

/** The trigger's params with defaults applied, or null when they do not pass the schema (or cron mode has no expression). */
export function scheduleParamsOf(raw: unknown): ScheduleParams | null {
  const parsed = scheduleRecurrence.params.safeParse(raw ?? {});
  if (!parsed.success) return null;
  if (scheduleRecurrence.crossCheck(parsed.data).length > 0) return null;
  return parsed.data;
}
