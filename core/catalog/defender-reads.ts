/**
 * Reading Defender (B.5, B.7): one machine, lists of machines and alerts by OData filter, one
 * machine action, and cancelling a machine action. Filters are OData text; tokens inside them are
 * escaped as OData string content, so alert data can never change the filter.
 */
import { z } from 'zod';
import { blankToUndefined, connectionParam, defenderStep, listLimitParam, listOutputFields, MACHINE_ACTION_OUTPUT_FIELDS, meta, odataFilterParam, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

/** The machine-action permissions (B.2), any of which lets an app cancel a machine action (B.7). */
export const MACHINE_ACTION_ROLES: readonly string[] = [
  'Machine.Isolate', 'Machine.Scan', 'Machine.CollectForensics', 'Machine.RestrictExecution', 'Machine.StopAndQuarantine', 'Machine.Offboard', 'Machine.LiveResponse',
];

/** "All pages" of list alerts stops (the step fails) beyond this many alerts; the worker's client enforces it. */
export const ALL_ALERTS_CAP = 50_000;

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

export const defenderGetMachine = defenderStep({
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

export const defenderListMachines = defenderStep({
  type: 'defender.listMachines',
  title: 'List machines',
  description: 'Finds devices by an OData filter (health, risk, OS, IP, name…), reading every page.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), filter: odataFilterParam("riskScore eq 'High'"), top: listLimitParam() }),
  outputFields: listOutputFields('Machines'),
  permission: 'Machine.Read.All',
});

export const defenderListAlerts = defenderStep({
  type: 'defender.listAlerts',
  title: 'List alerts',
  description: 'Finds alerts by an OData filter (status, severity, machine, time…): up to a limit after skipping some, or every page.',
  icon: 'shield-alert',
  params: z.object({
    connectionId: connectionParam('Defender'),
    filter: odataFilterParam("machineId eq '{{ trigger.machineId }}' and status ne 'Resolved'"),
    top: listLimitParam(),
    skip: meta(z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(1_000_000).optional()), {
      title: 'Skip',
      description: 'Leave out the first N matching alerts (OData $skip), e.g. to read a large list in parts. Empty: none.',
      widget: 'number',
    }),
    allPages: meta(z.boolean().default(false), {
      title: 'All pages',
      description: `Read every page of matching alerts, ignoring "At most"; the step fails if more than ${ALL_ALERTS_CAP.toLocaleString('en-US')} match, rather than act on a cut list.`,
      widget: 'boolean',
    }),
    expandEvidence: meta(z.boolean().default(false), { title: 'Include evidence', widget: 'boolean' }),
  }),
  outputFields: listOutputFields('Alerts'),
  permission: 'Alert.Read.All',
});

export const defenderGetMachineAction = defenderStep({
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

export const defenderCancelMachineAction = defenderStep({
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
  // Cancel takes "any of the action permissions" (B.7): Machine.Isolate is what a SOC cancelling
  // an isolation has; any other action permission is enough too.
  permission: { api: 'mde', role: 'Machine.Isolate', orAnyOf: MACHINE_ACTION_ROLES.filter((r) => r !== 'Machine.Isolate') },
  sideEffect: true,
});

export const DEFENDER_READ_DEFS: readonly NodeTypeDef[] = [defenderGetMachine, defenderListMachines, defenderListAlerts, defenderGetMachineAction, defenderCancelMachineAction];
