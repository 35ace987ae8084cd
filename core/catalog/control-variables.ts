import { z } from 'zod';
import { anyValueParam, variableNameParam } from './control-values';
import type { NodeTypeDef } from './types';

/**
 * Run-scoped variables, read as `{{ variables.<name> }}`. Both steps output the variable's new
 * value, so a resumed run rebuilds the variables from recorded outputs, never from memory.
 */
export const controlSetVariable = {
  type: 'control.setVariable',
  title: 'Set variable',
  description: 'Sets a run variable, read later as {{ variables.<name> }}.',
  category: 'Control',
  icon: 'variable',
  kind: 'control',
  outputs: ['out'],
  params: z.object({
    name: variableNameParam(),
    value: anyValueParam({ title: 'Value', description: 'Text or JSON (e.g. [] to start a list); empty sets null.', optional: true }),
  }),
  outputFields: [
    { path: 'name', label: 'Name', type: 'string' },
    { path: 'value', label: 'Value', type: 'any' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;

export const controlAppendVariable = {
  type: 'control.appendVariable',
  title: 'Append to variable',
  description: 'Adds a value to a list variable, or text to a text variable.',
  category: 'Control',
  icon: 'variable-plus',
  kind: 'control',
  outputs: ['out'],
  params: z.object({
    name: variableNameParam(),
    value: anyValueParam({ title: 'Value', description: 'The item (or text) to append.' }),
  }),
  outputFields: [
    { path: 'name', label: 'Name', type: 'string' },
    { path: 'value', label: 'New value', type: 'any' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;
