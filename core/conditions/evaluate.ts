import { OPERATORS } from './operators';
import { isConditionGroup, type OperatorId, type TConditionGroup, type TConditionRule } from './schema';

export type ConditionTrace =
  | { kind: 'rule'; left: unknown; operator: OperatorId; right: unknown; ignoreCase: boolean; result: boolean }
  | { kind: 'group'; combinator: 'and' | 'or'; result: boolean; rules: ConditionTrace[] };

export interface ConditionResult {
  result: boolean;
  trace: ConditionTrace;
}

/**
 * Evaluates a (validated) group. `resolve` turns an operand (literal or token text) into its
 * value — the executor passes the token resolver, the poller one bound to the alert.
 * Every rule is evaluated (no short-circuit) so the run history shows the whole picture.
 * An empty group is vacuously true for `and`, false for `or`.
 */
export function evaluateCondition(
  group: TConditionGroup,
  resolve: (operand: unknown) => unknown,
): ConditionResult {
  const trace = evaluateGroup(group, resolve);
  return { result: trace.result, trace };
}

function evaluateGroup(group: TConditionGroup, resolve: (v: unknown) => unknown): ConditionTrace {
  const rules = group.rules.map((item) =>
    isConditionGroup(item) ? evaluateGroup(item, resolve) : evaluateRule(item, resolve),
  );
  const result =
    group.combinator === 'and' ? rules.every((r) => r.result) : rules.some((r) => r.result);
  return { kind: 'group', combinator: group.combinator, result, rules };
}

function evaluateRule(rule: TConditionRule, resolve: (v: unknown) => unknown): ConditionTrace {
  const op = OPERATORS[rule.operator];
  const ignoreCase = rule.ignoreCase ?? false;
  const left = resolve(rule.left);
  const right = op.needsRight ? resolve(rule.right) : undefined;
  const result = op.evaluate(left, right, ignoreCase);
  return { kind: 'rule', left, operator: rule.operator, right, ignoreCase, result };
}
