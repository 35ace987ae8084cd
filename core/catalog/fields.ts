import { z } from 'zod';
import { ZConditionGroup } from '../conditions/schema';
import type { NodeTypeDef, OutputField, ParamMeta } from './types';

/** Typed wrapper so every param field carries form metadata. */
export function meta<T extends z.ZodType>(schema: T, data: ParamMeta): T {
  return schema.meta({ ...data });
}

/** A required, non-blank text param (blank counts as "not set"). */
export function requiredText(data: ParamMeta) {
  return meta(z.string().trim().min(1, 'Required'), data);
}

/** Display names of the connection kinds a step can name; the article follows the sound. */
const CONNECTION_NAMES = { Defender: 'a', SMTP: 'an', Webhook: 'a', HTTP: 'an' } as const;

/** A connection picker; `optional` for steps that work without one (an unauthenticated HTTP request). */
export function connectionParam(kind: keyof typeof CONNECTION_NAMES, opts: { optional?: boolean; description?: string } = {}) {
  const article = CONNECTION_NAMES[kind];
  const data: ParamMeta = { title: `${kind} connection`, description: opts.description ?? `The ${kind} connection this step uses.`, widget: 'connection' };
  const id = z.guid(`Choose ${article} ${kind} connection`);
  return opts.optional ? meta(z.preprocess(blankToUndefined, id.optional()), data) : meta(id, data);
}

/**
 * Recipients: "a@x.com; b@y.com" or ["a@x.com"]. Normalised to a list so the mailer never
 * has to parse text; separators are comma and semicolon, as in Outlook.
 */
function splitRecipients(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const ZRecipientList = z.preprocess(splitRecipients, z.array(z.email('Not a valid email address')));

export function recipientsParam(data: ParamMeta & { required: boolean }) {
  const { required, ...rest } = data;
  const list = required
    ? z.preprocess(splitRecipients, z.array(z.email('Not a valid email address')).min(1, 'Required'))
    : ZRecipientList.optional();
  return meta(list, { ...rest, widget: 'recipients' });
}

/**
 * A trigger's optional filter on the alert: the condition builder's group, evaluated by the
 * poller before any run exists (so filtered-out alerts cost nothing).
 */
export function alertFilterParam(description: string) {
  return meta(ZConditionGroup.nullish(), { title: 'Only when', description, widget: 'condition' });
}

/** Output fields of the MDE alert entity (B.6), shared by the trigger and getAlert. */
export const ALERT_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'Alert ID', type: 'string' },
  { path: 'title', label: 'Title', type: 'string' },
  { path: 'description', label: 'Description', type: 'string' },
  { path: 'severity', label: 'Severity', type: 'string' },
  { path: 'status', label: 'Status', type: 'string' },
  { path: 'category', label: 'Category', type: 'string' },
  { path: 'detectionSource', label: 'Detection source', type: 'string' },
  { path: 'alertCreationTime', label: 'Created', type: 'datetime' },
  { path: 'lastUpdateTime', label: 'Last updated', type: 'datetime' },
  { path: 'firstEventTime', label: 'First event', type: 'datetime' },
  { path: 'lastEventTime', label: 'Last event', type: 'datetime' },
  { path: 'machineId', label: 'Machine ID', type: 'string' },
  { path: 'computerDnsName', label: 'Machine name', type: 'string' },
  { path: 'incidentId', label: 'Incident ID', type: 'number' },
  { path: 'investigationId', label: 'Investigation ID', type: 'number' },
  { path: 'assignedTo', label: 'Assigned to', type: 'string' },
  { path: 'classification', label: 'Classification', type: 'string' },
  { path: 'determination', label: 'Determination', type: 'string' },
  { path: 'threatFamilyName', label: 'Threat family', type: 'string' },
  { path: 'mitreTechniques', label: 'MITRE techniques', type: 'array' },
  { path: 'relatedUser', label: 'Related user', type: 'object' },
  { path: 'relatedUser.userName', label: 'Related user name', type: 'string' },
  { path: 'relatedUser.domainName', label: 'Related user domain', type: 'string' },
  { path: 'evidence', label: 'Evidence', type: 'array' },
  { path: 'rbacGroupName', label: 'Device group', type: 'string' },
  { path: 'aadTenantId', label: 'Tenant ID', type: 'string' },
];

/** Output fields of a MachineAction (B.7), shared by every machine action step. */
export const MACHINE_ACTION_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'Action ID', type: 'string' },
  { path: 'type', label: 'Action type', type: 'string' },
  { path: 'scope', label: 'Scope', type: 'string' },
  { path: 'requestor', label: 'Requestor', type: 'string' },
  { path: 'requestorComment', label: 'Comment', type: 'string' },
  { path: 'status', label: 'Action status', type: 'string' },
  { path: 'machineId', label: 'Machine ID', type: 'string' },
  { path: 'computerDnsName', label: 'Machine name', type: 'string' },
  { path: 'creationDateTimeUtc', label: 'Requested', type: 'datetime' },
  { path: 'lastUpdateDateTimeUtc', label: 'Last updated', type: 'datetime' },
  { path: 'alreadyRequested', label: 'Was already requested', type: 'boolean' },
];

/** "Wait until finished" params of machine action steps (see NodeTypeDef.completesAsync). */
export function waitUntilDoneParams() {
  return {
    waitUntilDone: meta(z.boolean().default(false), {
      title: 'Wait until finished',
      description: 'Pause (no worker held) until Defender reports the action Succeeded; the step fails if it ends Failed, TimeOut or Cancelled.',
      widget: 'boolean',
    }),
    waitTimeoutMinutes: meta(z.coerce.number().min(1).max(1440).default(30), {
      title: 'Wait at most (minutes)',
      description: 'With "Wait until finished": fail the step if the action is still running by then.',
      widget: 'number',
    }),
  };
}

/** "Not set" for optional params: blank text (or null) counts as absent, so the schema's default or optionality applies. */
export const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** An optional OData $filter; tokens inside are escaped as OData string content. */
export function odataFilterParam(example: string) {
  return meta(z.preprocess(blankToUndefined, z.string().max(4000).optional()), {
    title: 'Filter (OData)',
    description: `e.g. ${example}; put tokens inside quotes. Empty: all.`,
    widget: 'text',
    tokenEncoding: 'odata-string',
  });
}

/** How many items a list step returns (it reads every page up to this). */
export function listLimitParam() {
  return meta(z.coerce.number().int().min(1).max(10_000).default(100), { title: 'At most', description: 'How many to return (all pages are read up to this).', widget: 'number' });
}

/** Outputs of a list step: `{ value, count }`. */
export function listOutputFields(what: string): OutputField[] {
  return [
    { path: 'value', label: what, type: 'array' },
    { path: 'count', label: `Number of ${what.toLowerCase()}`, type: 'number' },
  ];
}

/** `{ value, count }` plus the fields of one item, as `value[0].…` tokens. */
export function listOf(what: string, item: OutputField[]): OutputField[] {
  return [...listOutputFields(what), ...item.map((f) => ({ ...f, path: `value[0].${f.path}`, label: `First: ${f.label.toLowerCase()}` }))];
}

/** A Defender action step: the fields every one shares (category, kind, handles, connection). */
export function defenderStep(spec: Omit<NodeTypeDef, 'category' | 'kind' | 'outputs' | 'connectionKind' | 'sideEffect'> & { sideEffect?: boolean }): NodeTypeDef {
  return { category: 'Microsoft Defender', kind: 'action', outputs: ['out'], connectionKind: 'defender', sideEffect: false, ...spec };
}
