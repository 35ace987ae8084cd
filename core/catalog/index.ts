/**
 * The node catalog: one declaration per node type. Adding a node type = one file here plus its
 * implementation in server/ keyed by the same `type`.
 */
import { controlCompose } from './control-compose';
import { controlCondition } from './control-condition';
import { controlForEach } from './control-for-each';
import { controlSwitch } from './control-switch';
import { controlTerminate } from './control-terminate';
import { controlAppendVariable, controlSetVariable } from './control-variables';
import { defenderAlertCreated } from './defender-alert-created';
import { defenderAlertUpdated } from './defender-alert-updated';
import { defenderGetAlert } from './defender-get-alert';
import { defenderIsolateMachine } from './defender-isolate-machine';
import { defenderRunHuntingQuery } from './defender-run-hunting-query';
import { defenderBatchUpdateAlerts, defenderUpdateAlert } from './defender-update-alert';
import { MACHINE_ACTION_DEFS } from './defender-machine-actions';
import { DEFENDER_READ_DEFS } from './defender-reads';
import { INDICATOR_DEFS } from './defender-indicators';
import { INVESTIGATION_DEFS } from './defender-investigations';
import { MACHINE_READ_DEFS } from './defender-machine-reads';
import { LIVE_RESPONSE_DEFS } from './defender-live-response';
import { CREATE_ALERT_DEFS } from './defender-create-alert';
import { ALERT_ENTITY_DEFS } from './defender-alert-entities';
import { FILE_DEFS } from './defender-files';
import { NETWORK_STATS_DEFS } from './defender-network-stats';
import { REMEDIATION_DEFS } from './defender-remediation';
import { emailSend } from './email-send';
import { teamsPostCard } from './notify-teams';
import { slackPostMessage } from './notify-slack';
import { httpRequest } from './http-request';
import { scheduleRecurrence } from './schedule-recurrence';
import { controlApproval } from './control-approval';
import { controlDelay } from './control-delay';
import { controlDeduplicate } from './control-deduplicate';
import { runCode } from './run-code';
import type { NodeTypeDef, OutputField } from './types';

export const NODE_CATALOG: Readonly<Record<string, NodeTypeDef>> = Object.freeze({
  [defenderAlertCreated.type]: defenderAlertCreated,
  [defenderAlertUpdated.type]: defenderAlertUpdated,
  [defenderGetAlert.type]: defenderGetAlert,
  [defenderIsolateMachine.type]: defenderIsolateMachine,
  [defenderRunHuntingQuery.type]: defenderRunHuntingQuery,
  [defenderUpdateAlert.type]: defenderUpdateAlert,
  [defenderBatchUpdateAlerts.type]: defenderBatchUpdateAlerts,
  ...Object.fromEntries(MACHINE_ACTION_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries(DEFENDER_READ_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries(INDICATOR_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries(INVESTIGATION_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries(MACHINE_READ_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries(LIVE_RESPONSE_DEFS.map((d) => [d.type, d])),
  ...Object.fromEntries([...CREATE_ALERT_DEFS, ...ALERT_ENTITY_DEFS, ...FILE_DEFS, ...NETWORK_STATS_DEFS, ...REMEDIATION_DEFS].map((d) => [d.type, d])),
  [controlCondition.type]: controlCondition,
  [emailSend.type]: emailSend,
  [teamsPostCard.type]: teamsPostCard,
  [slackPostMessage.type]: slackPostMessage,
  [httpRequest.type]: httpRequest,
  [scheduleRecurrence.type]: scheduleRecurrence,
  [controlSwitch.type]: controlSwitch,
  [controlForEach.type]: controlForEach,
  [controlTerminate.type]: controlTerminate,
  [controlCompose.type]: controlCompose,
  [controlSetVariable.type]: controlSetVariable,
  [controlAppendVariable.type]: controlAppendVariable,
  [controlDelay.type]: controlDelay,
  [controlApproval.type]: controlApproval,
  [controlDeduplicate.type]: controlDeduplicate,
  [runCode.type]: runCode,
});

/** Own-property lookup so a type named "constructor" or "toString" is simply unknown. */
export function getNodeType(type: string): NodeTypeDef | undefined {
  return Object.hasOwn(NODE_CATALOG, type) ? NODE_CATALOG[type] : undefined;
}

/**
 * Handles a node of this type may start an edge from: those derived from its params (switch
 * cases, when `params` is given), its outputs, plus `error` for actions.
 */
export function handlesOf(def: NodeTypeDef, params?: Record<string, unknown>): string[] {
  const dynamic = params !== undefined && def.dynamicOutputs !== undefined ? def.dynamicOutputs(params) : [];
  return def.kind === 'action' ? [...dynamic, ...def.outputs, 'error'] : [...dynamic, ...def.outputs];
}

/** What `{{ <node>.error.… }}` reads on a failed action's `error` branch. */
export const ERROR_OUTPUT_FIELDS: readonly OutputField[] = Object.freeze([
  { path: 'error', label: 'Error (on error branch)', type: 'object' },
  { path: 'error.code', label: 'Error code (on error branch)', type: 'string' },
  { path: 'error.message', label: 'Error message (on error branch)', type: 'string' },
]);

/**
 * A node's output fields: those its params give (`dynamicOutputFields`, e.g. a hunting query's
 * columns, with `sample` its latest run output) when `params` is given, else the declared ones.
 */
export function nodeOutputFields(def: NodeTypeDef, params?: Record<string, unknown>, sample?: unknown): OutputField[] {
  return params !== undefined && def.dynamicOutputFields !== undefined ? def.dynamicOutputFields(params, sample) : def.outputFields;
}

/** Output fields (see nodeOutputFields), plus the error fields every action has for its `error` branch. */
export function outputFieldsOf(def: NodeTypeDef, params?: Record<string, unknown>, sample?: unknown): OutputField[] {
  const fields = nodeOutputFields(def, params, sample);
  return def.kind === 'action' ? [...fields, ...ERROR_OUTPUT_FIELDS] : fields;
}

export type { ConnectionKind, NodeTypeDef, OutputField, OutputFieldType, NodeCategory, NodeKind, ParamMeta, ParamWidget, ParamCrossIssue } from './types';
export {
  controlCondition, defenderAlertCreated, defenderAlertUpdated, defenderGetAlert, defenderIsolateMachine, defenderRunHuntingQuery,
  defenderUpdateAlert, emailSend, scheduleRecurrence, teamsPostCard, slackPostMessage, httpRequest,
};
export { controlSwitch, controlForEach, controlTerminate, controlCompose, controlSetVariable, controlAppendVariable, controlDelay, controlApproval, controlDeduplicate };
export { caseHandle, switchCases, CASE_HANDLE_PREFIX } from './control-switch';
export { FOR_EACH_BODY_FIELDS, FOR_EACH_DONE_FIELDS } from './control-for-each';
export { VARIABLES_ROOT } from './control-values';
export { runCode, RUN_CODE_TYPE } from './run-code';
