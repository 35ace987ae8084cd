import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, blankToUndefined, connectionParam, meta, requiredText } from './fields';
import type { NodeTypeDef } from './types';

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, title: string, description: string) =>
  meta(z.preprocess(blankToUndefined, z.enum(values).optional()), { title, description, widget: 'enum' });

export const ALERT_STATUS_VALUES = ['New', 'InProgress', 'Resolved'] as const;
export const ALERT_CLASSIFICATION_VALUES = ['TruePositive', 'InformationalExpectedActivity', 'FalsePositive'] as const;
export const ALERT_DETERMINATION_VALUES = [
  'MultiStagedAttack', 'MaliciousUserActivity', 'CompromisedUser', 'Malware', 'Phishing', 'UnwantedSoftware',
  'SecurityTesting', 'LineOfBusinessApplication', 'ConfirmedActivity', 'NotMalicious', 'InsufficientData', 'Other',
] as const;

export const defenderUpdateAlert = {
  type: 'defender.updateAlert',
  title: 'Update alert',
  description: 'Sets status, owner, classification or determination of an alert, or adds a comment. Fields left blank keep their value.',
  category: 'Microsoft Defender',
  icon: 'shield-search',
  kind: 'action',
  outputs: ['out'],
  params: z
    .object({
      connectionId: connectionParam('Defender'),
      alertId: requiredText({ title: 'Alert ID', description: 'The alert to change, e.g. {{ trigger.id }}.', widget: 'text' }),
      status: optionalEnum(ALERT_STATUS_VALUES, 'Status', 'New, In progress or Resolved; blank keeps it.'),
      assignedTo: meta(z.preprocess(blankToUndefined, z.string().trim().max(256).optional()), {
        title: 'Assigned to',
        description: 'Owner (user principal name), e.g. analyst@contoso.com; blank keeps it.',
        widget: 'text',
      }),
      classification: optionalEnum(ALERT_CLASSIFICATION_VALUES, 'Classification', 'True positive, informational (expected activity) or false positive.'),
      determination: optionalEnum(ALERT_DETERMINATION_VALUES, 'Determination', 'Why: malware, phishing, security testing…'),
      comment: meta(z.preprocess(blankToUndefined, z.string().max(10_000).optional()), {
        title: 'Comment',
        description: 'Added to the alert’s comments, e.g. "Isolated by Riposte run {{ trigger.id }}".',
        widget: 'multiline',
      }),
    }),
  connectionKind: 'defender',
  outputFields: ALERT_OUTPUT_FIELDS,
  permission: 'Alert.ReadWrite.All',
  sideEffect: true,
} satisfies NodeTypeDef;

/** Alert ids as a list, from a list token or text separated by commas, semicolons or new lines. */
const ZAlertIds = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().trim().min(1)).min(1, 'Required').max(500, 'At most 500 alerts at once'),
);

export const defenderBatchUpdateAlerts = {
  ...defenderUpdateAlert,
  type: 'defender.batchUpdateAlerts',
  title: 'Update alerts (batch)',
  description: 'Applies the same status, owner, classification, determination or comment to many alerts at once.',
  params: defenderUpdateAlert.params.omit({ alertId: true }).extend({
    alertIds: meta(ZAlertIds, { title: 'Alert IDs', description: 'A list, e.g. {{ list_alerts.value }} ids, or ids separated by commas.', widget: 'text' }),
  }),
  outputFields: [
    { path: 'count', label: 'Alerts updated', type: 'number' },
    { path: 'alertIds', label: 'Alert IDs', type: 'array' },
  ],
} satisfies NodeTypeDef;
