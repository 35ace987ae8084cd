/**
 * Reading Defender (B.5, B.7): one machine, lists of machines and alerts by OData filter, one
 * machine action, and cancelling a machine action. Filters are OData text; tokens inside them are
 * escaped as OData string content, so alert data can never change the filter.
 */
import { z } from 'zod';
import { connectionParam, MACHINE_ACTION_OUTPUT_FIELDS, meta, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const filterParam = (example: string) =>
  meta(z.preprocess(blank, z.string().max(4000).optional()), {
    title: 'Filter (OData)',
    description: `e.g. ${example}; put tokens inside quotes. Empty: all.`,
    widget: 'text',
    tokenEncoding: 'odata-string',
  });
const topParam = () =>
  meta(z.coerce.number().int().min(1).max(10_000).default(100), { title: 'At most', description: 'How many to return (all pages are read up to this).', widget: 'number' });

export const MACHINE_OUTPUT_FIELDS: OutputField[] = [
  { path: 'id', label: 'Machine ID', type: 'string' },
  { path: 'computerDnsName', label: 'Machine name', type: 'string' },
  { path: 'osPlatform', label: 'OS platform', type: 'string' },
  { path: 'healthStatus', label: 'Health status', type: 'string' },
  { path: 'riskScore', label: 'Risk score', type: 'string' },
  { path: 'exposureLevel', label: 'Exposure level', type: 'string' },
  { path: 'lastIpAddress', label: 'Last IP address', type: 'string' },
  { path: 'lastSeen', label: 'Last seen', type: 'datetime' },
  { path: 'machineTags', label: 'Machine tags', type: 'array' },
  { path: 'rbacGroupName', label: 'Device group', type: 'string' },
];

const listOutputs = (what: string): OutputField[] => [
  { path: 'value', label: what, type: 'array' },
  { path: 'count', label: `Number of ${what.toLowerCase()}`, type: 'number' },
];

function read(spec: Omit<NodeTypeDef, 'category' | 'kind' | 'outputs' | 'connectionKind' | 'sideEffect'> & { sideEffect?: boolean }): NodeTypeDef {
  return { category: 'Microsoft Defender', kind: 'action', outputs: ['out'], connectionKind: 'defender', sideEffect: false, ...spec };
}

export const defenderGetMachine = read({
  type: 'defender.getMachine',
  title: 'Get machine',
  description: 'Reads one device (by id or computer name): health, risk, IP, tags, device group.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: requiredText({ title: 'Machine ID', description: 'Device id or computer name, e.g. {{ trigger.machineId }}.', widget: 'text' }),
  }),
  outputFields: MACHINE_OUTPUT_FIELDS,
  permission: 'Machine.Read.All',
});

export const defenderListMachines = read({
  type: 'defender.listMachines',
  title: 'List machines',
  description: 'Finds devices by an OData filter (health, risk, OS, IP, name…), reading every page.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), filter: filterParam("riskScore eq 'High'"), top: topParam() }),
  outputFields: listOutputs('Machines'),
  permission: 'Machine.Read.All',
});

export const defenderListAlerts = read({
  type: 'defender.listAlerts',
  title: 'List alerts',
  description: 'Finds alerts by an OData filter (status, severity, machine, time…), reading every page.',
  icon: 'shield-alert',
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: filterParam("machineId eq '{{ trigger.machineId }}' and status ne 'Resolved'"),
    top: topParam(),
    expandEvidence: meta(z.boolean().default(false), { title: 'Include evidence', widget: 'boolean' }),
  }),
  outputFields: listOutputs('Alerts'),
  permission: 'Alert.Read.All',
});

export const defenderGetMachineAction = read({
  type: 'defender.getMachineAction',
  title: 'Get machine action',
  description: 'Reads one machine action and its status (Pending, InProgress, Succeeded, Failed, TimeOut, Cancelled).',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    actionId: requiredText({ title: 'Action ID', description: 'e.g. {{ isolate.id }}', widget: 'text' }),
  }),
  outputFields: MACHINE_ACTION_OUTPUT_FIELDS,
  permission: 'Machine.Read.All',
});

export const defenderCancelMachineAction = read({
  type: 'defender.cancelMachineAction',
  title: 'Cancel machine action',
  description: 'Cancels a machine action that has not finished yet.',
  icon: 'x',
  params: z.object({
    connectionId: connectionParam('Defender'),
    actionId: requiredText({ title: 'Action ID', description: 'e.g. {{ isolate.id }}', widget: 'text' }),
    comment: requiredText({ title: 'Comment', description: 'Why it is cancelled.', widget: 'multiline' }),
  }),
  outputFields: MACHINE_ACTION_OUTPUT_FIELDS,
  permission: 'Machine.Isolate',
  sideEffect: true,
});

export const DEFENDER_READ_DEFS: readonly NodeTypeDef[] = [defenderGetMachine, defenderListMachines, defenderListAlerts, defenderGetMachineAction, defenderCancelMachineAction];
