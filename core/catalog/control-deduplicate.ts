import { z } from 'zod';
import { meta, requiredText } from './fields';
import type { NodeTypeDef } from './types';

export const DEDUPLICATE_TYPE = 'control.deduplicate';

/**
 * Skips the rest of the run when the same key (built from tokens, e.g. the machine id) was seen
 * by this flow within the time window. Continues on "new" for a first sighting; a duplicate goes
 * to "duplicate" (connect nothing there to simply stop; the run still ends succeeded).
 */
export const controlDeduplicate = {
  type: DEDUPLICATE_TYPE,
  title: 'Deduplicate',
  description: 'Continues only the first time a key is seen within a time window; later runs with the same key take "duplicate".',
  category: 'Control',
  icon: 'copy',
  kind: 'action',
  outputs: ['out', 'duplicate'],
  params: z.object({
    key: requiredText({
      title: 'Key',
      description: 'What makes two runs the same, e.g. {{ trigger.machineId }} or {{ trigger.machineId }}-{{ trigger.category }}.',
      widget: 'text',
    }),
    windowMinutes: meta(z.coerce.number().min(1, 'At least 1 minute').max(43_200, 'At most 30 days').default(60), {
      title: 'Within (minutes)',
      description: 'How long a key counts as seen.',
      widget: 'number',
    }),
  }),
  outputFields: [
    { path: 'duplicate', label: 'Is a duplicate', type: 'boolean' },
    { path: 'key', label: 'Key', type: 'string' },
    { path: 'firstRunId', label: 'Run that saw it first', type: 'string' },
    { path: 'expiresAt', label: 'Seen until', type: 'datetime' },
  ],
  sideEffect: true,
} satisfies NodeTypeDef;
