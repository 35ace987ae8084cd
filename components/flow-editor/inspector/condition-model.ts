/**
 * Immutable edits on a condition group `{ combinator, rules }` (design.md §3), addressed by the
 * list of rule indices from the root group. Drafts may hold half-built groups, so reading is
 * lenient (`asGroup`) and every edit returns a new, well-formed group.
 */
import type { TConditionGroup, TConditionRule } from '@/core/conditions/schema';

export type RuleOrGroup = TConditionRule | TConditionGroup;
/** Indices from the root group down to a rule or group, e.g. [1, 0] = first rule of the 2nd item. */
export type RulePath = number[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isGroupLike(v: unknown): v is TConditionGroup {
  return isRecord(v) && Array.isArray(v.rules) && !('operator' in v);
}

export function newRule(): TConditionRule {
  // Power Automate's new row defaults to "is equal to" (C.2).
  return { left: '', operator: 'equals', right: '' };
}

export function newGroup(): TConditionGroup {
  return { combinator: 'and', rules: [newRule()] };
}

/** Reads any draft value as a group; anything unrecognisable becomes an empty AND group. */
export function asGroup(value: unknown): TConditionGroup {
  if (!isRecord(value) || !Array.isArray(value.rules)) return { combinator: 'and', rules: [] };
  return {
    combinator: value.combinator === 'or' ? 'or' : 'and',
    rules: value.rules.map((r): RuleOrGroup => (isGroupLike(r) ? asGroup(r) : asRule(r))),
  };
}

function asRule(value: unknown): TConditionRule {
  if (!isRecord(value)) return newRule();
  const rule: TConditionRule = {
    left: value.left,
    operator: (typeof value.operator === 'string' ? value.operator : 'equals') as TConditionRule['operator'],
  };
  if ('right' in value) rule.right = value.right;
  if (typeof value.ignoreCase === 'boolean') rule.ignoreCase = value.ignoreCase;
  return rule;
}

/** Applies `fn` to the item at `path` (the root group itself when `path` is empty). */
function updateItem(group: TConditionGroup, path: RulePath, fn: (item: RuleOrGroup) => RuleOrGroup | null): TConditionGroup {
  if (path.length === 0) {
    const next = fn(group);
    return next !== null && isGroupLike(next) ? next : group;
  }
  const [index, ...rest] = path;
  const rules: RuleOrGroup[] = [];
  group.rules.forEach((item, i) => {
    if (i !== index) {
      rules.push(item);
      return;
    }
    if (rest.length === 0) {
      const next = fn(item);
      if (next !== null) rules.push(next);
    } else if (isGroupLike(item)) {
      rules.push(updateItem(item, rest, fn));
    } else {
      rules.push(item);
    }
  });
  return { ...group, rules };
}

export function updateRule(group: TConditionGroup, path: RulePath, patch: Partial<TConditionRule>): TConditionGroup {
  return updateItem(group, path, (item) => (isGroupLike(item) ? item : { ...item, ...patch }));
}

export function removeItem(group: TConditionGroup, path: RulePath): TConditionGroup {
  if (path.length === 0) return group;
  return updateItem(group, path, () => null);
}

export function setCombinator(group: TConditionGroup, path: RulePath, combinator: 'and' | 'or'): TConditionGroup {
  return updateItem(group, path, (item) => (isGroupLike(item) ? { ...item, combinator } : item));
}

/** Appends a rule (or a nested group) to the group at `path`. */
export function addItem(group: TConditionGroup, path: RulePath, kind: 'rule' | 'group'): TConditionGroup {
  const item = kind === 'rule' ? newRule() : newGroup();
  return updateItem(group, path, (g) => (isGroupLike(g) ? { ...g, rules: [...g.rules, item] } : g));
}

/** Human numbering for accessible names: [1, 0] → "2.1". */
export function ruleNumber(path: RulePath): string {
  return path.map((i) => i + 1).join('.');
}

/** Issue path inside the group for the item at `path`: [1, 0] → ['rules', 1, 'rules', 0]. */
export function issuePathOf(path: RulePath): (string | number)[] {
  return path.flatMap((i) => ['rules', i]);
}
