import { ZConditionGroup } from '../conditions/schema';
import type { NodeTypeDef } from './types';

/** Evaluated in core (no implementation in server/); takes the `true` or `false` handle. */
export const controlCondition = {
  type: 'control.condition',
  title: 'Condition',
  description: 'Continues on "true" or "false" depending on the rules.',
  category: 'Control',
  icon: 'split',
  kind: 'condition',
  outputs: ['true', 'false'],
  // The params ARE the group, so the whole object is edited by the condition widget.
  params: ZConditionGroup,
  outputFields: [
    { path: 'result', label: 'Result', type: 'boolean' },
    { path: 'trace', label: 'Evaluation trace', type: 'object' },
  ],
  sideEffect: false,
} satisfies NodeTypeDef;
