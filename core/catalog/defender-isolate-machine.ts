import { z } from 'zod';
import { connectionParam, meta, requiredText } from './fields';
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
  }),
  connectionKind: 'defender',
  outputFields: [
    { path: 'id', label: 'Action ID', type: 'string' },
    { path: 'type', label: 'Action type', type: 'string' },
    { path: 'scope', label: 'Isolation scope', type: 'string' },
    { path: 'requestor', label: 'Requestor', type: 'string' },
    { path: 'requestorComment', label: 'Comment', type: 'string' },
    { path: 'status', label: 'Action status', type: 'string' },
    { path: 'machineId', label: 'Machine ID', type: 'string' },
    { path: 'computerDnsName', label: 'Machine name', type: 'string' },
    { path: 'creationDateTimeUtc', label: 'Requested', type: 'datetime' },
    { path: 'lastUpdateDateTimeUtc', label: 'Last updated', type: 'datetime' },
    { path: 'alreadyRequested', label: 'Was already requested', type: 'boolean' },
  ],
  permission: 'Machine.Isolate',
  sideEffect: true,
} satisfies NodeTypeDef;
