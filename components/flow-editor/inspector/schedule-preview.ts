// What the schedule widget shows under the form: the schedule in words and its next three runs
// in the chosen time zone, computed in the browser with cron-parser (the same library BullMQ
// uses to fire the ticks). The server checks the same things again at publish.
import { CronExpressionParser } from 'cron-parser';
import { scheduleParamsOf } from '@/core/catalog/schedule-recurrence';
import { describeSchedule, repeatSpecOf } from '@/core/schedule/recurrence';

export type SchedulePreview =
  | { ok: true; summary: string; nextRuns: string[]; approximate: boolean }
  | { ok: false; error: string };

function knownZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "Mon, 30 Mar 2026, 09:30 (Europe/Paris)": the wall-clock time in the schedule's zone. */
export function formatInZone(date: Date, tz: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date);
  return `${text} (${tz})`;
}

export function previewSchedule(raw: unknown, now: Date, count = 3): SchedulePreview {
  const params = scheduleParamsOf(raw);
  if (!params) return { ok: false, error: 'Complete the schedule to see when it runs.' };
  if (!knownZone(params.timezone)) return { ok: false, error: `"${params.timezone}" is not a known time zone.` };
  const spec = repeatSpecOf(params);
  const summary = describeSchedule(params);
  if (spec.kind === 'every') {
    // An interval starts when the flow is switched on: show the runs as if that were now.
    const runs = Array.from({ length: count }, (_, i) => formatInZone(new Date(now.getTime() + (i + 1) * spec.everyMs), params.timezone));
    return { ok: true, summary, nextRuns: runs, approximate: true };
  }
  try {
    const it = CronExpressionParser.parse(spec.pattern, { tz: spec.tz, currentDate: now });
    const runs = Array.from({ length: count }, () => formatInZone(it.next().toDate(), params.timezone));
    return { ok: true, summary, nextRuns: runs, approximate: false };
  } catch (e) {
    return { ok: false, error: `The cron expression is not valid: ${(e as Error).message}.` };
  }
}
