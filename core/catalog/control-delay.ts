import { z } from 'zod';
import { blankToUndefined, meta } from './fields';
import type { NodeTypeDef } from './types';

export const DELAY_TYPE = 'control.delay';
export const DELAY_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
const UNIT_MS: Record<(typeof DELAY_UNITS)[number], number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
/** Longest wait a Delay step accepts (Power Automate allows 30 days). */
export const MAX_DELAY_MS = 30 * UNIT_MS.days;

/**
 * Waits for a duration or until a time, then continues. The run holds no worker meanwhile: the
 * step is recorded as waiting with its due time and the job sleeps in Redis (Postgres keeps the
 * due time, so a lost job is found again).
 */
export const controlDelay = {
  type: DELAY_TYPE,
  title: 'Delay',
  description: 'Waits for a while (or until a time) before the next step, without holding a worker.',
  category: 'Control',
  icon: 'clock',
  kind: 'control',
  outputs: ['out'],
  params: z
    .object({
      amount: meta(z.preprocess(blankToUndefined, z.coerce.number().min(0, 'Cannot be negative').optional()), {
        title: 'Wait for',
        description: 'How long, in the unit below. Leave empty to wait until a time instead.',
        widget: 'number',
      }),
      unit: meta(z.enum(DELAY_UNITS).default('minutes'), { title: 'Unit', widget: 'enum' }),
      until: meta(z.preprocess(blankToUndefined, z.iso.datetime({ offset: true, message: 'An ISO date and time, e.g. 2026-12-24T08:00:00Z' }).optional()), {
        title: 'Or wait until',
        description: 'A date and time (ISO 8601), e.g. {{ trigger.scheduledFor }}; used when "Wait for" is empty.',
        widget: 'text',
      }),
    }),
  outputFields: [
    { path: 'until', label: 'Waited until', type: 'datetime' },
    { path: 'waitedMs', label: 'Waited (ms)', type: 'number' },
  ],
  sideEffect: false,
  crossCheck: (params) => {
    const amount = blankToUndefined(params.amount);
    const until = blankToUndefined(params.until);
    if (amount === undefined && until === undefined) return [{ path: ['amount'], message: 'Set how long to wait, or until when' }];
    return [];
  },
} satisfies NodeTypeDef;

/** When a delay that starts at `now` is due; a message when the params cannot say. */
export function delayDueAt(params: { amount?: number; unit: (typeof DELAY_UNITS)[number]; until?: string }, now: Date): Date | { error: string } {
  if (params.amount !== undefined) {
    const ms = params.amount * UNIT_MS[params.unit];
    if (ms > MAX_DELAY_MS) return { error: `A delay can be at most 30 days; this one is ${params.amount} ${params.unit}.` };
    return new Date(now.getTime() + ms);
  }
  if (params.until !== undefined) {
    const at = new Date(params.until);
    if (at.getTime() - now.getTime() > MAX_DELAY_MS) return { error: 'A delay can wait at most 30 days ahead.' };
    return at;
  }
  return { error: 'Set how long to wait, or until when.' };
}
