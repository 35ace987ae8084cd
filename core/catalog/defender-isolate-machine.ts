import { z } from 'zod';
import { connectionParam, MACHINE_ACTION_OUTPUT_FIELDS, meta, requiredText, waitUntilDoneParams } from './fields';
import type { NodeTypeDef } from './types';

export const defenderIsolateMachine = {
  type: 'defender.isolateMachine',
  title: 'Isolate machine',
  description:
    'Cuts the device off the network (Full) or all but Outlook, Teams and Skype (Selective); ' +
    'Defender stays connected. If an isolation is already pending it is reported, not repeated.',
  category: 'Microsoft Defender',
  icon: 'shield-ban',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: requiredText({
      title: 'Machine ID',
      description: 'Device id (or computer name), e.g. {{ get_alert.machineId }}.',
      widget: 'text',
    }),
    comment: requiredText({
      title: 'Comment',
      description: 'Shown in the Defender action center; say why.',
      widget: 'multiline',
    }),
    isolationType: meta(z.enum(['Full', 'Selective']).default('Full'), {
      title: 'Isolation type',
      widget: 'enum',
    }),
    ...waitUntilDoneParams(),
  }),
  connectionKind: 'defender',
  outputFields: MACHINE_ACTION_OUTPUT_FIELDS,
  permission: 'Machine.Isolate',
  sideEffect: true,
  completesAsync: true,
} satisfies NodeTypeDef;
