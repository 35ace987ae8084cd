import { z } from 'zod';
import { hasToken } from '../tokens/parse';
import { anyValueParam } from './control-values';
import { meta } from './fields';
import type { NodeTypeDef } from './types';

export const SWITCH_MAX_CASES = 25;
export const CASE_HANDLE_PREFIX = 'case:';

/** `case:<value>` — the handle a case's edge starts from (design.md §3). */
export function caseHandle(value: string): string {
  return `${CASE_HANDLE_PREFIX}${value}`;
}

const ZCases = z
  .array(z.string().trim().min(1, 'A case cannot be empty'))
  .min(1, 'Add at least one case')
  .max(SWITCH_MAX_CASES, `At most ${SWITCH_MAX_CASES} cases`)
  .refine((cases) => new Set(cases).size === cases.length, 'Each case must be different')
  // Cases name the switch's handles, so they are fixed when the flow is published.
  .refine((cases) => !cases.some(hasToken), 'Cases are written out; tokens belong in "Value"');

/** The case strings as written in params (drafts may hold anything; non-strings are ignored). */
export function switchCases(params: Record<string, unknown>): string[] {
  const cases = params.cases;
  if (!Array.isArray(cases)) return [];
  return cases.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim());
}

/**
 * Routes to the first case equal to the value (as text), else to `default`. Evaluated in core;
 * output `{ value, matched }` (matched is the case, or null for default).
 */
export const controlSwitch = {
  type: 'control.switch',
  title: 'Switch',
  description: 'Continues on the case that equals the value, or on "default" when none does.',
  category: 'Control',
  icon: 'switch',
  kind: 'control',
  outputs: ['default'],
  dynamicOutputs: (params) => [...new Set(switchCases(params))].map(caseHandle),
  params: z.object({
    value: anyValueParam({ title: 'Value', description: 'What to switch on, e.g. {{ get_alert.severity }}.', widget: 'text' }),
    cases: meta(ZCases, { title: 'Cases', description: 'One handle per case; the first equal case is taken.', widget: 'cases' }),
    ignoreCase: meta(z.boolean().default(false), { title: 'Ignore case', widget: 'boolean' }),
  }),
  outputFields: [
    { path: 'value', label: 'Value', type: 'any' },
    { path: 'matched', label: 'Matched case', type: 'string' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;
