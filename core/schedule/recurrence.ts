/**
 * The schedule trigger's params as data (pure: no clock, no cron library). The shape of a cron
 * expression is checked here; full validation and "next runs" need cron-parser and live in
 * server/schedules (publish) and the inspector's schedule widget.
 */
import { z } from 'zod';

export const SCHEDULE_UNITS = ['minutes', 'hours', 'days'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

/** Allowed characters per cron field: digits, `*`, `,`, `-`, `/`, and names (MON, JAN…), `?`, `L`, `#`. */
const CRON_FIELD = /^[0-9A-Za-z*,\-/?#]+$/;
const CRON_FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;

/** Null when the expression has the shape of a 5-field cron; otherwise a message saying what is wrong. */
export function cronShapeError(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week); it has ${fields.length}`;
  }
  const bad = fields.findIndex((f) => !CRON_FIELD.test(f));
  if (bad >= 0) return `has characters that are not allowed in the ${CRON_FIELD_NAMES[bad]} field ("${fields[bad]}")`;
  return null;
}

export const ZCronExpression = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(200, 'is too long')
  .superRefine((value, ctx) => {
    const message = cronShapeError(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message: `Cron expression ${message}` });
  });

/** IANA zone names look like `UTC`, `Europe/Paris`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`. */
export const ZTimezone = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(64, 'is too long')
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/, 'is not an IANA time zone name (e.g. UTC or Europe/Paris)');

export const ZTimeOfDay = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour), e.g. 09:30');

export interface ScheduleParams {
  mode: 'interval' | 'cron';
  every: number;
  unit: ScheduleUnit;
  at?: string | undefined;
  cron?: string | undefined;
  timezone: string;
}

/** How BullMQ repeats it: a fixed interval in ms, or a cron pattern evaluated in a time zone. */
export type RepeatSpec = { kind: 'every'; everyMs: number } | { kind: 'cron'; pattern: string; tz: string };

export interface RepeatSpecOptions {
  /** Length of a "minute" in ms: 60 000 in production; only tests shorten it (worker test hook). */
  minuteMs?: number;
}

/**
 * Minutes and hours repeat every N × interval from when the schedule is switched on (as Power
 * Automate's recurrence does). Days run at a time of day in the time zone, so they are a cron:
 * every day at 09:30 is `30 9 * * *`; every N days uses day-of-month steps (`*\/N`), which, like
 * cron, restart on the 1st of each month.
 */
export function repeatSpecOf(params: ScheduleParams, opts: RepeatSpecOptions = {}): RepeatSpec {
  if (params.mode === 'cron') return { kind: 'cron', pattern: (params.cron ?? '').trim().replace(/\s+/g, ' '), tz: params.timezone };
  const minute = opts.minuteMs ?? 60_000;
  if (params.unit === 'minutes') return { kind: 'every', everyMs: params.every * minute };
  if (params.unit === 'hours') return { kind: 'every', everyMs: params.every * 60 * minute };
  const [h, m] = (params.at ?? '00:00').split(':').map(Number);
  const day = params.every === 1 ? '*' : `*/${params.every}`;
  return { kind: 'cron', pattern: `${m} ${h} ${day} * *`, tz: params.timezone };
}

const pad = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, word: string) => (n === 1 ? word : `${n} ${word}s`);
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Plain-language summary, e.g. "Every 15 minutes", "Every day at 09:30 (Europe/Paris)". */
export function describeSchedule(params: ScheduleParams): string {
  if (params.mode === 'cron') return `${describeCron(params.cron ?? '')} (${params.timezone})`;
  if (params.unit === 'days') {
    const at = params.at ?? '00:00';
    if (params.every === 1) return `Every day at ${at} (${params.timezone})`;
    return `Every ${params.every} days at ${at} (${params.timezone}; days 1, ${1 + params.every}, ${1 + 2 * params.every}… of each month)`;
  }
  return `Every ${plural(params.every, params.unit === 'minutes' ? 'minute' : 'hour')}`;
}

const isInt = (s: string) => /^\d+$/.test(s);

/** Common cron shapes in words; anything else is quoted as is. */
export function describeCron(expression: string): string {
  const f = expression.trim().split(/\s+/);
  if (f.length !== 5) return `Cron "${expression.trim()}"`;
  const [min = '', hour = '', dom = '', mon = '', dow = ''] = f;
  const anyDay = dom === '*' && mon === '*';
  if (min === '*' && hour === '*' && anyDay && dow === '*') return 'Every minute';
  const stepMin = /^\*\/(\d+)$/.exec(min);
  if (stepMin && hour === '*' && anyDay && dow === '*') return `Every ${plural(Number(stepMin[1]), 'minute')}`;
  if (isInt(min) && hour === '*' && anyDay && dow === '*') return `Every hour at minute ${Number(min)}`;
  const stepHour = /^\*\/(\d+)$/.exec(hour);
  if (isInt(min) && stepHour && anyDay && dow === '*') return `Every ${plural(Number(stepHour[1]), 'hour')} at minute ${Number(min)}`;
  if (isInt(min) && isInt(hour)) {
    const at = `${pad(Number(hour))}:${pad(Number(min))}`;
    if (anyDay && dow === '*') return `Every day at ${at}`;
    if (anyDay && /^[0-7](,[0-7])*$/.test(dow)) return `Every ${dow.split(',').map((d) => WEEKDAYS[Number(d) % 7]).join(', ')} at ${at}`;
    if (anyDay && dow === '1-5') return `Every weekday (Monday to Friday) at ${at}`;
    if (isInt(dom) && mon === '*' && dow === '*') return `On day ${Number(dom)} of every month at ${at}`;
  }
  return `Cron "${f.join(' ')}"`;
}
