import { z } from 'zod';
import { meta } from './fields';
import type { NodeTypeDef } from './types';

export const FOR_EACH_MAX_CONCURRENCY = 50;
export const FOR_EACH_DEFAULT_LIMIT = 5000;
export const FOR_EACH_MAX_LIMIT = 100_000;

function describe(value: unknown): string {
  if (value === undefined) return 'empty (the token has no value)';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'text' : `a ${typeof value}`} (${JSON.stringify(value).slice(0, 60)})`;
}

/**
 * Runs the steps on its `each` handle once per item (the loop body: every step reachable from
 * `each`), then continues on `done`. Body steps read `{{ <id>.item }}` / `{{ <id>.index }}`;
 * steps after `done` read `{{ <id>.results }}` and `{{ <id>.count }}`.
 */
export const controlForEach = {
  type: 'control.forEach',
  title: 'For each',
  description: 'Runs the steps on "each" once per item of a list, then continues on "done".',
  category: 'Control',
  icon: 'repeat',
  kind: 'control',
  outputs: ['each', 'done'],
  params: z.object({
    items: meta(
      z.array(z.unknown(), {
        error: (issue) => (issue.input === undefined ? 'Required' : `must be a list, but the value is ${describe(issue.input)}`),
      }),
      { title: 'Items', description: 'A list, e.g. {{ trigger.evidence }}.', widget: 'text' },
    ),
    concurrency: meta(z.number().int().min(1).max(FOR_EACH_MAX_CONCURRENCY).default(1), {
      title: 'Concurrency',
      description: `Items run at once (1 = one after another, up to ${FOR_EACH_MAX_CONCURRENCY}).`,
      widget: 'number',
    }),
    limit: meta(z.number().int().min(1).max(FOR_EACH_MAX_LIMIT).default(FOR_EACH_DEFAULT_LIMIT), {
      title: 'Item limit',
      description: 'A longer list fails the step instead of running away.',
      widget: 'number',
    }),
  }),
  outputFields: [
    { path: 'item', label: 'Current item (inside the loop)', type: 'any' },
    { path: 'index', label: 'Current index (inside the loop)', type: 'number' },
    { path: 'results', label: 'Results (after the loop)', type: 'array' },
    { path: 'count', label: 'Item count (after the loop)', type: 'number' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;

/** Fields body steps may read, and those steps after `done` may read. */
export const FOR_EACH_BODY_FIELDS = new Set(['item', 'index']);
export const FOR_EACH_DONE_FIELDS = new Set(['results', 'count']);
