/** Automated investigations (A.2 #8): start one on a device, read its state. */
import { z } from 'zod';
import { connectionParam, requiredText } from './fields';
import type { NodeTypeDef, OutputField } from './types';

const INVESTIGATION_FIELDS: OutputField[] = [
  { path: 'id', label: 'Investigation ID', type: 'string' },
  { path: 'state', label: 'State', type: 'string' },
  { path: 'startTime', label: 'Started', type: 'datetime' },
  { path: 'endTime', label: 'Ended', type: 'datetime' },
  { path: 'machineId', label: 'Machine ID', type: 'string' },
];

export const defenderStartInvestigation = {
  type: 'defender.startInvestigation',
  title: 'Start automated investigation',
  description: 'Starts Defender\'s automated investigation and remediation on a device.',
  category: 'Microsoft Defender',
  icon: 'shield-search',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    machineId: requiredText({ title: 'Machine ID', description: 'e.g. {{ trigger.machineId }}', widget: 'text' }),
    comment: requiredText({ title: 'Comment', widget: 'multiline' }),
  }),
  connectionKind: 'defender',
  outputFields: INVESTIGATION_FIELDS,
  permission: 'Alert.ReadWrite.All',
  sideEffect: true,
} satisfies NodeTypeDef;

export const defenderGetInvestigation = {
  type: 'defender.getInvestigation',
  title: 'Get investigation',
  description: 'Reads an automated investigation and its state (Running, Benign, SuccessfullyRemediated…).',
  category: 'Microsoft Defender',
  icon: 'shield-search',
  kind: 'action',
  outputs: ['out'],
  params: z.object({
    connectionId: connectionParam('Defender'),
    investigationId: requiredText({ title: 'Investigation ID', description: 'e.g. {{ trigger.investigationId }}', widget: 'text' }),
  }),
  connectionKind: 'defender',
  outputFields: INVESTIGATION_FIELDS,
  permission: 'Alert.Read.All',
  sideEffect: false,
} satisfies NodeTypeDef;

export const INVESTIGATION_DEFS: readonly NodeTypeDef[] = [defenderStartInvestigation, defenderGetInvestigation];
