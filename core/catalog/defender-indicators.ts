/**
 * Threat indicators (B.9): block or allow a file hash, IP, domain or URL across the tenant; list
 * them; delete one. Submitting the same type and value again updates it (so a retried submit
 * changes nothing twice).
 */
import { z } from 'zod';
import { connectionParam, meta, requiredText } from './fields';
import type { NodeTypeDef } from './types';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const defenderSubmitIndicator = {
  type: 'defender.submitIndicator',
  title: 'Submit indicator',
  description: 'Blocks, warns on or allows a file hash, IP address, domain or URL for every device (or updates the indicator with the same value).',
  category: 'Microsoft Defender',
  icon: 'shield-ban',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    indicatorType: meta(z.enum(['FileSha256', 'FileSha1', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']).default('FileSha256'), { title: 'Type', widget: 'enum' }),
    indicatorValue: requiredText({ title: 'Value', description: 'e.g. {{ trigger.evidence[0].sha256 }}', widget: 'text' }),
    action: meta(z.enum(['Block', 'BlockAndRemediate', 'Warn', 'Audit', 'Allowed', 'Alert', 'AlertAndBlock']).default('Block'), { title: 'Action', widget: 'enum' }),
    title: requiredText({ title: 'Title', description: 'Shown in Defender, e.g. "Blocked by Riposte: {{ trigger.title }}".', widget: 'text' }),
    description: requiredText({ title: 'Description', widget: 'multiline' }),
    severity: meta(z.preprocess(blank, z.enum(['Informational', 'Low', 'Medium', 'High']).optional()), { title: 'Severity', widget: 'enum' }),
    expirationTime: meta(z.preprocess(blank, z.iso.datetime({ offset: true }).optional()), { title: 'Expires', description: 'ISO date and time; empty: never.', widget: 'text' }),
    generateAlert: meta(z.boolean().default(false), { title: 'Raise an alert when seen', description: 'Required for the Audit action.', widget: 'boolean' }),
  }),
  connectionKind: 'defender',
  outputFields: [
    { path: 'id', label: 'Indicator ID', type: 'string' },
    { path: 'indicatorValue', label: 'Value', type: 'string' },
    { path: 'indicatorType', label: 'Type', type: 'string' },
    { path: 'action', label: 'Action', type: 'string' },
    { path: 'expirationTime', label: 'Expires', type: 'datetime' },
  ],
  permission: 'Ti.ReadWrite.All',
  sideEffect: true,
} satisfies NodeTypeDef;

export const defenderListIndicators = {
  type: 'defender.listIndicators',
  title: 'List indicators',
  description: 'Reads the tenant\'s indicators, filtered with OData (e.g. indicatorType eq \'IpAddress\').',
  category: 'Microsoft Defender',
  icon: 'shield-search',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: meta(z.preprocess(blank, z.string().max(4000).optional()), { title: 'Filter (OData)', description: "e.g. action eq 'Block'; put tokens inside quotes.", widget: 'text', tokenEncoding: 'odata-string' }),
    top: meta(z.coerce.number().int().min(1).max(10_000).default(100), { title: 'At most', widget: 'number' }),
  }),
  connectionKind: 'defender',
  outputFields: [
    { path: 'value', label: 'Indicators', type: 'array' },
    { path: 'count', label: 'Number of indicators', type: 'number' },
  ],
  permission: 'Ti.ReadWrite.All',
  sideEffect: false,
} satisfies NodeTypeDef;

export const defenderDeleteIndicator = {
  type: 'defender.deleteIndicator',
  title: 'Delete indicator',
  description: 'Removes an indicator (e.g. lift a block). An indicator already gone is reported, not an error.',
  category: 'Microsoft Defender',
  icon: 'x',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    indicatorId: requiredText({ title: 'Indicator ID', description: 'e.g. {{ submit_indicator.id }}', widget: 'text' }),
  }),
  connectionKind: 'defender',
  outputFields: [
    { path: 'id', label: 'Indicator ID', type: 'string' },
    { path: 'deleted', label: 'Deleted now (false: was already gone)', type: 'boolean' },
  ],
  permission: 'Ti.ReadWrite.All',
  sideEffect: true,
} satisfies NodeTypeDef;

export const INDICATOR_DEFS: readonly NodeTypeDef[] = [defenderSubmitIndicator, defenderListIndicators, defenderDeleteIndicator];
