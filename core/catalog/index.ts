/**
 * The node catalog: one declaration per node type. Adding a node type = one file here plus its
 * implementation in server/ keyed by the same `type`.
 */
import { controlCondition } from './control-condition';
import { defenderAlertCreated } from './defender-alert-created';
import { defenderAlertUpdated } from './defender-alert-updated';
import { defenderGetAlert } from './defender-get-alert';
import { defenderIsolateMachine } from './defender-isolate-machine';
import { defenderRunHuntingQuery } from './defender-run-hunting-query';
import { defenderUpdateAlert } from './defender-update-alert';
import { emailSend } from './email-send';
import { scheduleRecurrence } from './schedule-recurrence';
import type { NodeTypeDef } from './types';

export const NODE_CATALOG: Readonly<Record<string, NodeTypeDef>> = Object.freeze({
  [defenderAlertCreated.type]: defenderAlertCreated,
  [defenderAlertUpdated.type]: defenderAlertUpdated,
  [defenderGetAlert.type]: defenderGetAlert,
  [defenderIsolateMachine.type]: defenderIsolateMachine,
  [defenderRunHuntingQuery.type]: defenderRunHuntingQuery,
  [defenderUpdateAlert.type]: defenderUpdateAlert,
  [controlCondition.type]: controlCondition,
  [emailSend.type]: emailSend,
  [scheduleRecurrence.type]: scheduleRecurrence,
});

/** Own-property lookup so a type named "constructor" or "toString" is simply unknown. */
export function getNodeType(type: string): NodeTypeDef | undefined {
  return Object.hasOwn(NODE_CATALOG, type) ? NODE_CATALOG[type] : undefined;
}

/** Handles a node of this type may start an edge from: its outputs, plus `error` for actions. */
export function handlesOf(def: NodeTypeDef): string[] {
  return def.kind === 'action' ? [...def.outputs, 'error'] : [...def.outputs];
}

export type { NodeTypeDef, OutputField, OutputFieldType, NodeCategory, NodeKind, ParamMeta, ParamWidget, ParamCrossIssue } from './types';
export {
  controlCondition, defenderAlertCreated, defenderAlertUpdated, defenderGetAlert, defenderIsolateMachine, defenderRunHuntingQuery,
  defenderUpdateAlert, emailSend, scheduleRecurrence,
};
