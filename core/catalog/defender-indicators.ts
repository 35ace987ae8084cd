/**
 * Threat indicators (B.9): block or allow a file hash, IP, domain or URL across the tenant; list
 * them; delete one. Submitting the same type and value again updates it (so a retried submit
 * changes nothing twice).
 */
import { z } from 'zod';
import { blankToUndefined, connectionParam, defenderStep, listLimitParam, listOutputFields, meta, odataFilterParam, requiredText } from './fields';
import type { NodeTypeDef, StepPermission } from './types';

/**
 * Defender takes Ti.ReadWrite.All or Ti.ReadWrite (B.2); with Ti.ReadWrite the app sees and
 * changes only the indicators it created itself, which is enough for a flow's own blocks.
 */
const INDICATOR_PERMISSION: StepPermission = { api: 'mde', role: 'Ti.ReadWrite.All', orAnyOf: ['Ti.ReadWrite'] };

export const defenderSubmitIndicator = defenderStep({
  type: 'defender.submitIndicator',
  title: 'Submit indicator',
  description: 'Blocks, warns on or allows a file hash, IP address, domain or URL for every device (or updates the indicator with the same value).',
  icon: 'shield-ban',
  params: z.object({
    connectionId: connectionParam('Defender'),
    indicatorType: meta(z.enum(['FileSha256', 'FileSha1', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']).default('FileSha256'), { title: 'Type', widget: 'enum' }),
    indicatorValue: requiredText({ title: 'Value', description: 'e.g. {{ trigger.evidence[0].sha256 }}', widget: 'text' }),
    action: meta(z.enum(['Block', 'BlockAndRemediate', 'Warn', 'Audit', 'Allowed', 'Alert', 'AlertAndBlock']).default('Block'), { title: 'Action', widget: 'enum' }),
    title: requiredText({ title: 'Title', description: 'Shown in Defender, e.g. "Blocked by Riposte: {{ trigger.title }}".', widget: 'text' }),
    description: requiredText({ title: 'Description', widget: 'multiline' }),
    severity: meta(z.preprocess(blankToUndefined, z.enum(['Informational', 'Low', 'Medium', 'High']).optional()), { title: 'Severity', widget: 'enum' }),
    expirationTime: meta(z.preprocess(blankToUndefined, z.iso.datetime({ offset: true }).optional()), { title: 'Expires', description: 'ISO date and time; empty: never.', widget: 'text' }),
    generateAlert: meta(z.boolean().default(false), { title: 'Raise an alert when seen', description: 'Required for the Audit action.', widget: 'boolean' }),
  }),
  outputFields: [
    { path: 'id', label: 'Indicator ID', type: 'string' },
    { path: 'indicatorValue', label: 'Value', type: 'string' },
    { path: 'indicatorType', label: 'Type', type: 'string' },
    { path: 'action', label: 'Action', type: 'string' },
    { path: 'expirationTime', label: 'Expires', type: 'datetime' },
  ],
  permission: INDICATOR_PERMISSION,
  sideEffect: true,
});

export const defenderListIndicators = defenderStep({
  type: 'defender.listIndicators',
  title: 'List indicators',
  description: 'Reads the tenant\'s indicators, filtered with OData (e.g. indicatorType eq \'IpAddress\'). With only Ti.ReadWrite (not .All) Defender lists just the indicators this app created.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: odataFilterParam("action eq 'Block'"),
    top: listLimitParam(),
  }),
  outputFields: listOutputFields('Indicators'),
  permission: INDICATOR_PERMISSION,
});

export const defenderDeleteIndicator = defenderStep({
  type: 'defender.deleteIndicator',
  title: 'Delete indicator',
  description: 'Removes an indicator (e.g. lift a block). An indicator already gone is reported, not an error.',
  icon: 'x',
  params: z.object({
    connectionId: connectionParam('Defender'),
    indicatorId: requiredText({ title: 'Indicator ID', description: 'e.g. {{ submit_indicator.id }}', widget: 'text' }),
  }),
  outputFields: [
    { path: 'id', label: 'Indicator ID', type: 'string' },
    { path: 'deleted', label: 'Deleted now (false: was already gone)', type: 'boolean' },
  ],
  permission: INDICATOR_PERMISSION,
  sideEffect: true,
});

export const INDICATOR_DEFS: readonly NodeTypeDef[] = [defenderSubmitIndicator, defenderListIndicators, defenderDeleteIndicator];
