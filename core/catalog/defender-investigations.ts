/** Automated investigations (A.2 #8, #16, #17): start one on a device, read one, list them. */
import { z } from 'zod';
import { connectionParam, defenderStep, listLimitParam, listOf, odataFilterParam, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

const INVESTIGATION_FIELDS: OutputField[] = [
  { path: 'id', label: 'Investigation ID', type: 'string' },
  { path: 'state', label: 'State', type: 'string' },
  { path: 'startTime', label: 'Started', type: 'datetime' },
  { path: 'endTime', label: 'Ended', type: 'datetime' },
  { path: 'machineId', label: 'Machine ID', type: 'string' },
];

export const defenderStartInvestigation = defenderStep({
  type: 'defender.startInvestigation',
  title: 'Start automated investigation',
  description: 'Starts Defender\'s automated investigation and remediation on a device; one already running there is reported (Was already running), not started again.',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: requiredText({ title: 'Machine ID', description: 'e.g. {{ trigger.machineId }}', widget: 'text' }),
    comment: requiredText({ title: 'Comment', widget: 'multiline' }),
  }),
  outputFields: [...INVESTIGATION_FIELDS, { path: 'alreadyRequested', label: 'Was already running', type: 'boolean' }],
  permission: 'Alert.ReadWrite.All',
  sideEffect: true,
});

export const defenderGetInvestigation = defenderStep({
  type: 'defender.getInvestigation',
  title: 'Get investigation',
  description: 'Reads an automated investigation and its state (Running, Benign, SuccessfullyRemediated…).',
  icon: 'shield-search',
  params: z.object({
    connectionId: connectionParam('Defender'),
    investigationId: requiredText({ title: 'Investigation ID', description: 'e.g. {{ trigger.investigationId }}', widget: 'text' }),
  }),
  outputFields: INVESTIGATION_FIELDS,
  permission: 'Alert.Read.All',
});

export const defenderListInvestigations = defenderStep({
  type: 'defender.listInvestigations',
  title: 'List investigations',
  description: 'Finds automated investigations by an OData filter (state, machine, start time), reading every page.',
  icon: 'shield-search',
  params: z.object({ connectionId: connectionParam('Defender'), filter: odataFilterParam("machineId eq '{{ trigger.machineId }}' and state eq 'Running'"), top: listLimitParam() }),
  outputFields: listOf('Investigations', INVESTIGATION_FIELDS),
  permission: 'Alert.Read.All',
});

export const INVESTIGATION_DEFS: readonly NodeTypeDef[] = [defenderStartInvestigation, defenderGetInvestigation, defenderListInvestigations];
