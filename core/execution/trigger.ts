/**
 * Helpers for the poller (design.md §5 step 1): which connection a flow listens on, and whether
 * an alert passes the trigger's filter — evaluated BEFORE a run is created, so filtered-out
 * alerts cost no run, no queue job and no step records.
 */
import { evaluateCondition, type ConditionResult } from '../conditions/evaluate';
import { ZConditionGroup } from '../conditions/schema';
import { TRIGGER_NODE_ID, type TExecutableGraph, type TFlowNode } from '../flow/schema';
import { resolveValue } from '../tokens/resolve';
import type { TStepSettings } from '../flow/step-settings';

export function getTriggerNode(graph: TExecutableGraph): TFlowNode {
  const node = graph.nodes.find((n) => n.id === TRIGGER_NODE_ID);
  if (node === undefined) throw new Error('Checked flow has no trigger node');
  return node;
}

/** The trigger's connection id (a checked graph always has a literal or token string here). */
export function triggerConnectionId(graph: TExecutableGraph): string | undefined {
  const value = getTriggerNode(graph).params.connectionId;
  return typeof value === 'string' ? value : undefined;
}

/** The trigger's settings: the run timeout and the flow's concurrency limit. */
export function triggerSettingsOf(graph: TExecutableGraph): TStepSettings | undefined {
  return getTriggerNode(graph).settings;
}

/** Evaluates the trigger filter against the trigger data; no filter (or an empty one) matches. */
export function evaluateTriggerFilter(graph: TExecutableGraph, triggerData: unknown): ConditionResult | { result: true; trace: null } {
  const parsed = ZConditionGroup.nullish().safeParse(getTriggerNode(graph).params.filter);
  if (!parsed.success) throw new Error('Trigger filter is not a valid condition; the flow must pass checkFlow');
  if (parsed.data === null || parsed.data === undefined) return { result: true, trace: null };
  const context = { trigger: triggerData };
  return evaluateCondition(parsed.data, (operand) => resolveValue(operand, context).value);
}
