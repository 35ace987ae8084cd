/**
 * Create alert by reference (B.5): raise a Defender alert on a device from an event, e.g. a row of
 * an advanced hunting query. Defender merges it into an open alert of the same title on the same
 * device, and a retried or resumed run finds the alert it created (see worker/defender-entity-actions.ts).
 */
import { z } from 'zod';
import { ALERT_OUTPUT_FIELDS, connectionParam, defenderStep, meta, requiredText } from './fields';
import type { NodeTypeDef } from './types';

/** The categories CreateAlertByReference accepts (reference A.4). */
export const CREATE_ALERT_CATEGORIES = [
  'General', 'CommandAndControl', 'Collection', 'CredentialAccess', 'DefenseEvasion', 'Discovery', 'Exfiltration', 'Exploit',
  'Execution', 'InitialAccess', 'LateralMovement', 'Malware', 'Persistence', 'PrivilegeEscalation', 'Ransomware', 'SuspiciousActivity',
] as const;

export const defenderCreateAlert = defenderStep({
  type: 'defender.createAlert',
  title: 'Create alert',
  description: 'Raises a Defender alert on a device from an event (e.g. a hunting result row); an open alert with the same title there is reused. The new alert also starts "new alert" flows.',
  icon: 'shield-alert',
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: requiredText({ title: 'Machine ID', description: 'The device of the event, e.g. {{ hunt.results[0].DeviceId }}.', widget: 'text' }),
    reportId: requiredText({ title: 'Report ID', description: 'ReportId of the event in advanced hunting.', widget: 'text' }),
    eventTime: meta(z.iso.datetime({ offset: true, message: 'An ISO date and time, e.g. 2026-01-31T10:30:00Z (the event\'s Timestamp)' }), {
      title: 'Event time', description: 'Timestamp of the event, e.g. {{ hunt.results[0].Timestamp }}.', widget: 'text',
    }),
    severity: meta(z.enum(['Informational', 'Low', 'Medium', 'High']).default('Medium'), { title: 'Severity', widget: 'enum' }),
    category: meta(z.enum(CREATE_ALERT_CATEGORIES).default('SuspiciousActivity'), { title: 'Category', widget: 'enum' }),
    title: requiredText({ title: 'Title', description: 'Alerts with the same title on one device are merged.', widget: 'text' }),
    description: requiredText({ title: 'Description', description: 'Riposte adds the run id, to find the alert again on retry.', widget: 'multiline' }),
    recommendedAction: requiredText({ title: 'Recommended action', description: 'What the analyst should do.', widget: 'multiline' }),
  }),
  outputFields: [...ALERT_OUTPUT_FIELDS, { path: 'merged', label: 'Merged into an existing alert', type: 'boolean' }],
  permission: 'Alert.ReadWrite.All',
  sideEffect: true,
});

export const CREATE_ALERT_DEFS: readonly NodeTypeDef[] = [defenderCreateAlert];
