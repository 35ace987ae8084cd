import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, alertFilterParam, connectionParam } from './fields';
import type { NodeTypeDef } from './types';

/**
 * Trigger: an existing MDE alert changed (status, classification, assignment, comments…). The
 * poller follows `lastUpdateTime` with its own watermark and starts one run per flow and alert
 * version (alert id + lastUpdateTime), so the same change never starts two runs. The alert's
 * creation is not an update. The filter is evaluated before a run exists, as for new alerts.
 */
export const defenderAlertUpdated = {
  type: 'defender.alertUpdated',
  title: 'When an alert is updated',
  description: 'Starts the flow when an existing alert changes (status, classification, owner, comments) and matches the filter.',
  category: 'Triggers',
  icon: 'shield-alert',
  kind: 'trigger',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: alertFilterParam('Optional condition on the updated alert, e.g. status is equal to Resolved.'),
  }),
  connectionKind: 'defender',
  outputFields: ALERT_OUTPUT_FIELDS,
  permission: 'Alert.Read.All',
  sideEffect: false,
} satisfies NodeTypeDef;
