import { z } from 'zod';
import { meta } from './fields';
import type { NodeTypeDef } from './types';

/** Ends the run at once with the chosen status; every step not yet run is skipped. */
export const controlTerminate = {
  type: 'control.terminate',
  title: 'Terminate',
  description: 'Ends the run now as succeeded, failed or cancelled, with a message.',
  category: 'Control',
  icon: 'stop',
  kind: 'control',
  outputs: [],
  params: z.object({
    status: meta(z.enum(['succeeded', 'failed', 'cancelled']).default('failed'), { title: 'End the run as', widget: 'enum' }),
    message: meta(z.string().max(2000).optional(), {
      title: 'Message',
      description: 'Recorded as the run error when it ends failed or cancelled.',
      widget: 'multiline',
    }),
  }),
  outputFields: [
    { path: 'status', label: 'Status', type: 'string' },
    { path: 'message', label: 'Message', type: 'string' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;
