import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, connectionParam, requiredText } from './fields';
import type { NodeTypeDef } from './types';

export const defenderGetAlert = {
  type: 'defender.getAlert',
  title: 'Get alert',
  description: 'Reads one alert, with its evidence, from Microsoft Defender for Endpoint.',
  category: 'Microsoft Defender',
  icon: 'shield-search',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    alertId: requiredText({ title: 'Alert ID', description: 'The alert to read, e.g. {{ trigger.id }}.', widget: 'text' }),
  }),
  connectionKind: 'defender',
  outputFields: ALERT_OUTPUT_FIELDS,
  permission: 'Alert.Read.All',
  sideEffect: false,
} satisfies NodeTypeDef;
