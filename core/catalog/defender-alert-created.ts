import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, alertFilterParam, connectionParam } from './fields';
import type { NodeTypeDef } from './types';

/**
 * Trigger: a new MDE alert on the connection (the poller creates the run). The filter is
 * evaluated by the poller against the alert before any run exists, so non-matching alerts
 * cost nothing; its tokens read `{{ trigger.… }}`.
 */
export const defenderAlertCreated = {
  type: 'defender.alertCreated',
  title: 'When a new alert is created',
  description: 'Starts the flow for every new Microsoft Defender for Endpoint alert that matches the filter.',
  category: 'Triggers',
  icon: 'shield-alert',
  kind: 'trigger',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: alertFilterParam('Optional condition on the alert; leave empty to run for every alert.'),
  }),
  connectionKind: 'defender',
  // Machine tags come from a machine lookup the poller makes only for flows that read them.
  outputFields: [...ALERT_OUTPUT_FIELDS, { path: 'machineTags', label: 'Machine tags', type: 'array' }],
  permission: 'Alert.Read.All',
  sideEffect: false,
} satisfies NodeTypeDef;
