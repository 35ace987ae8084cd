import { z } from 'zod';
import { anyValueParam } from './control-values';
import type { NodeTypeDef } from './types';

/** Builds a value (text, list or object) from tokens; output `{ value }`. */
export const controlCompose = {
  type: 'control.compose',
  title: 'Compose',
  description: 'Builds a value from tokens: text, a list or an object, for later steps.',
  category: 'Control',
  icon: 'braces',
  kind: 'control',
  outputs: ['out'],
  params: z.object({
    value: anyValueParam({ title: 'Value', description: 'Text or JSON; tokens may appear anywhere, e.g. ["{{ trigger.machineId }}"].' }),
  }),
  outputFields: [{ path: 'value', label: 'Value', type: 'any' }],
  sideEffect: false,
} satisfies NodeTypeDef;
