/**
 * Param-level checks for one node: required params, literal values against the catalog
 * schema, token references and condition operands. Structure checks live in check.ts.
 */
import { isBlank } from '../values';
import { z } from 'zod';
import { getOperator } from '../conditions/operators';
import type { NodeTypeDef, OutputFieldType, ParamMeta } from '../catalog/types';
import { ERROR_OUTPUT_FIELDS, FOR_EACH_BODY_FIELDS, FOR_EACH_DONE_FIELDS, VARIABLES_ROOT, getNodeType } from '../catalog/index';
import type { OutputField } from '../catalog/types';
import { findTokens } from '../tokens/find';
import { formatPath, formatTokenRef, hasToken, parseTemplate, type PathSegment, type TokenRef } from '../tokens/parse';
import { error, nodeName, warning, type FlowIssue } from './issues';
import { FOR_EACH_TYPE, type LoopInfo } from './loops';
import { graphFields, type FieldsOf } from './output-fields';
import { TRIGGER_NODE_ID, type TFlowNode } from './schema';

export interface ParamCheckContext {
  nodesById: Map<string, TFlowNode>;
  /** Ancestors of each node. */
  upstream: Map<string, Set<string>>;
  /** For-each bodies; absent means "no loops". */
  loops?: LoopInfo;
  /** Output fields per node (from their params); built from nodesById when absent. */
  fields?: FieldsOf;
}

const SET_VARIABLE = 'control.setVariable';
const APPEND_VARIABLE = 'control.appendVariable';

export function checkNodeParams(node: TFlowNode, def: NodeTypeDef, ctx: ParamCheckContext): FlowIssue[] {
  const issues: FlowIssue[] = [];
  if (def.kind === 'condition') {
    checkConditionGroup(node.params, [], node, ctx, issues, true);
  } else {
    for (const [key, field] of Object.entries(def.params.shape)) {
      checkField(node, key, field as z.ZodType, ctx, issues);
    }
    for (const cross of def.crossCheck?.(node.params) ?? []) {
      issues.push(error('InvalidParam', `${nodeName(node)} ${cross.message}`, { nodeId: node.id, path: cross.path }));
    }
  }
  checkTokens(node, ctx, issues);
  if (node.type === SET_VARIABLE || node.type === APPEND_VARIABLE) checkVariableStep(node, ctx, issues);
  return issues;
}

function variableName(node: TFlowNode): string | undefined {
  const name = node.params.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

/** True when a "Set variable" of this name runs before `nodeId`. */
function variableSetUpstream(name: string, nodeId: string, ctx: ParamCheckContext): boolean {
  for (const id of ctx.upstream.get(nodeId) ?? []) {
    const n = ctx.nodesById.get(id);
    if (n !== undefined && n.type === SET_VARIABLE && variableName(n) === name) return true;
  }
  return false;
}

/**
 * Appending needs a variable set before; and neither step may run inside a for-each with
 * concurrency above 1, where items would race on the variable (collect with
 * `{{ <loop>.results }}` instead). That keeps variable state a pure function of step order.
 */
function checkVariableStep(node: TFlowNode, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const name = variableName(node);
  if (node.type === APPEND_VARIABLE && name !== undefined && !variableSetUpstream(name, node.id, ctx)) {
    issues.push(
      error('VariableNotSet', `${nodeName(node)} appends to "${name}", but no "Set variable" step sets "${name}" before it.`, {
        nodeId: node.id,
        path: ['name'],
      }),
    );
  }
  for (const loopId of ctx.loops?.enclosing.get(node.id) ?? []) {
    const loop = ctx.nodesById.get(loopId);
    const concurrency = loop?.params.concurrency;
    if (loop === undefined || concurrency === undefined || concurrency === null || concurrency === 1) continue;
    issues.push(
      error(
        'VariableInConcurrentLoop',
        `${nodeName(node)} changes a variable inside ${nodeName(loop)}, which runs items at the same time; ` +
          `set its concurrency to 1, or collect values with {{ ${loop.id}.results }} after the loop.`,
        { nodeId: node.id },
      ),
    );
  }
}

function fieldMeta(field: z.ZodType): Partial<ParamMeta> {
  return (z.globalRegistry.get(field) ?? {}) as Partial<ParamMeta>;
}


function containsToken(value: unknown): boolean {
  return typeof value === 'string' && parseTemplate(value).some((p) => p.kind !== 'text');
}

/** True when the issue sits at or below a string holding a token: its type is known at run time only. */
function underToken(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (let i = 0; ; i++) {
    if (containsToken(current)) return true;
    if (i >= path.length || current === null || typeof current !== 'object') return false;
    const key = String(path[i]);
    if (!Object.hasOwn(current, key)) return false;
    current = (current as Record<string, unknown>)[key];
  }
}

function checkField(node: TFlowNode, key: string, field: z.ZodType, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const meta = fieldMeta(field);
  const title = meta.title ?? key;
  const value = Object.hasOwn(node.params, key) ? node.params[key] : undefined;
  if (isBlank(value)) {
    if (!field.safeParse(undefined).success) {
      issues.push(
        error('MissingParam', `${nodeName(node)} needs "${title}".`, { nodeId: node.id, path: [key] }),
      );
    }
    return;
  }
  if (meta.widget === 'condition') {
    checkConditionGroup(value, [key], node, ctx, issues, false);
    return;
  }
  checkWholeTokenType(node, key, title, value, field, ctx, issues);
  if (meta.tokenEncoding === 'kql-string' || meta.tokenEncoding === 'odata-string') checkQuotedTokens(node, key, title, value, issues);
  const parsed = field.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    if (underToken(value, issue.path)) continue;
    issues.push(
      error('InvalidParam', `${nodeName(node)}: "${title}" ${lowerFirst(issue.message)}.`, {
        nodeId: node.id,
        path: [key, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
      }),
    );
  }
}

/**
 * In a KQL query, tokens are written as string content (escaped), which is only safe and
 * meaningful inside quotes: `DeviceId == "{{ trigger.machineId }}"`. Say so for any that is not.
 */
function checkQuotedTokens(node: TFlowNode, key: string, title: string, value: unknown, issues: FlowIssue[]): void {
  if (typeof value !== 'string' || !hasToken(value) || wholeToken(value) !== undefined) return;
  const unquoted = [...value.matchAll(/\{\{[\s\S]*?\}\}/g)].filter((m) => {
    const before = value[(m.index ?? 0) - 1];
    const after = value[(m.index ?? 0) + m[0].length];
    return !((before === '"' || before === "'") && after === before);
  });
  if (unquoted.length === 0) return;
  issues.push(
    warning(
      'UnquotedQueryToken',
      `${nodeName(node)}: in "${title}", put ${unquoted[0]![0]} inside quotes: values are inserted as string content, escaped, so they can never change the query.`,
      { nodeId: node.id, path: [key] },
    ),
  );
}

const SAMPLE_OF: Partial<Record<OutputFieldType, unknown>> = { array: ['x'], object: { x: 1 } };

/**
 * A param that is exactly one token keeps the value's type, so `{{ loop.results }}` alone in a
 * text field is a list at run time and the step would fail; say so now, and how to write it.
 */
function checkWholeTokenType(node: TFlowNode, key: string, title: string, value: unknown, field: z.ZodType, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const ref = wholeToken(value);
  if (ref === undefined) return;
  const type = declaredType(ref, ctx);
  const sample = type === undefined ? undefined : SAMPLE_OF[type];
  if (sample === undefined || field.safeParse(sample).success || !field.safeParse('text').success) return;
  issues.push(
    warning(
      'TokenTypeMismatch',
      `${nodeName(node)}: "${title}" needs text, but ${String(value).trim()} is ${type === 'array' ? 'a list' : 'an object'}; ` +
        'add text around it (e.g. "Results: …") to write it out as JSON.',
      { nodeId: node.id, path: [key] },
    ),
  );
}

function lowerFirst(message: string): string {
  const text = message.replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function checkTokens(node: TFlowNode, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const upstream = ctx.upstream.get(node.id) ?? new Set<string>();
  for (const found of findTokens(node.params)) {
    const at = { nodeId: node.id, path: found.paramPath };
    if (found.error !== undefined || found.ref === undefined) {
      issues.push(error('InvalidToken', `${nodeName(node)}: ${found.error ?? 'invalid token'}.`, at));
      continue;
    }
    const ref = found.ref;
    if (ref.nodeId === VARIABLES_ROOT) {
      checkVariableToken(node, ref, found.raw, at, ctx, issues);
      continue;
    }
    const target = ctx.nodesById.get(ref.nodeId);
    if (target !== undefined && target.type === FOR_EACH_TYPE && upstream.has(ref.nodeId)) {
      checkLoopToken(node, target, ref, found.raw, at, ctx, issues);
      continue;
    }
    const outside = target === undefined ? undefined : loopOutside(node.id, ref.nodeId, ctx);
    if (target !== undefined && outside !== undefined && !upstream.has(ref.nodeId)) {
      issues.push(
        error(
          'TokenInsideLoop',
          `${nodeName(node)} uses ${found.raw}, but ${nodeName(target)} runs inside the loop ${nodeName(outside)}. ` +
            `After the loop, read its results with {{ ${outside.id}.results }}.`,
          at,
        ),
      );
      continue;
    }
    if (target === undefined) {
      issues.push(
        error('UnknownTokenNode', `${nodeName(node)} uses ${found.raw}, but there is no step with id "${ref.nodeId}".`, at),
      );
    } else if (ref.nodeId !== TRIGGER_NODE_ID && !upstream.has(ref.nodeId)) {
      issues.push(
        error(
          'TokenNotUpstream',
          `${nodeName(node)} uses ${found.raw}, but ${nodeName(target)} does not run before it. ` +
            'Tokens can only use the trigger and steps earlier on the same path.',
          at,
        ),
      );
    } else if (declaredType(ref, ctx) === undefined && !pathIsDeclared(ref, ctx)) {
      issues.push(
        warning(
          'UnknownTokenField',
          `${nodeName(node)} uses ${found.raw}, which is not a known field of ${nodeName(target)}; it will be empty if the field does not exist.`,
          at,
        ),
      );
    } else if (declaredType(ref, ctx) === undefined) {
      checkElementField(node, ref, found.raw, at, ctx, issues);
    }
  }
}

/** The innermost loop around `targetId` that does not also enclose `nodeId`. */
function loopOutside(nodeId: string, targetId: string, ctx: ParamCheckContext): TFlowNode | undefined {
  const around = ctx.loops?.enclosing.get(targetId);
  if (around === undefined) return undefined;
  const mine = new Set(ctx.loops?.enclosing.get(nodeId) ?? []);
  const outerMost = around.find((id) => !mine.has(id));
  return outerMost === undefined ? undefined : ctx.nodesById.get(outerMost);
}

type At = { nodeId: string; path: PathSegment[] };

/** `{{ loop.item }}` / `.index` inside the body; `.results` / `.count` after it. */
function checkLoopToken(node: TFlowNode, loop: TFlowNode, ref: TokenRef, raw: string, at: At, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const inside = ctx.loops?.bodies.get(loop.id)?.has(node.id) ?? false;
  const field = ref.path[0];
  if (field === undefined) return;
  const key = String(field);
  if (inside && !FOR_EACH_BODY_FIELDS.has(key)) {
    const hint = FOR_EACH_DONE_FIELDS.has(key) ? ` ${raw} is only known after the loop (on "done").` : '';
    issues.push(
      error('LoopTokenInsideLoop', `${nodeName(node)} uses ${raw} inside the loop ${nodeName(loop)}, which offers {{ ${loop.id}.item }} and {{ ${loop.id}.index }}.${hint}`, at),
    );
  } else if (!inside && !FOR_EACH_DONE_FIELDS.has(key)) {
    const hint = FOR_EACH_BODY_FIELDS.has(key) ? ` ${raw} only exists inside the loop (on "each").` : '';
    issues.push(
      error('LoopTokenOutsideLoop', `${nodeName(node)} uses ${raw} after the loop ${nodeName(loop)}, which offers {{ ${loop.id}.results }} and {{ ${loop.id}.count }}.${hint}`, at),
    );
  } else {
    checkElementField(node, ref, raw, at, ctx, issues);
  }
}

/**
 * `{{ loop.item.Col }}` or `{{ hunt.results[0].Col }}` where the list's columns are known (a
 * hunting query's stored columns) but do not include `Col`: a warning, not an error, since
 * the query may have changed since its columns were fetched.
 */
function checkElementField(node: TFlowNode, ref: TokenRef, raw: string, at: At, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const fields = outputFieldsOf(ref.nodeId, ctx);
  for (let i = 1; i < ref.path.length; i++) {
    const list = formatPath(ref.path.slice(0, i)).replace(/^\./, '');
    const column = ref.path[i + (typeof ref.path[i] === 'number' ? 1 : 0)];
    const elements = fields.find((f) => f.path === list)?.items;
    if (elements === undefined || elements.length === 0 || typeof column !== 'string') continue;
    if (elements.some((f) => f.path === column)) return;
    const names = elements.slice(0, 8).map((f) => f.path).join(', ');
    issues.push(
      warning(
        'UnknownColumn',
        `${nodeName(node)} uses ${raw}, but "${column}" is not one of the known columns (${names}${elements.length > 8 ? ', …' : ''}); ` +
          'it will be empty if the query does not return it. Refresh the columns of the hunting step if the query changed.',
        at,
      ),
    );
    return;
  }
}

/** `{{ variables.<name> }}` needs a "Set variable" of that name earlier on the path. */
function checkVariableToken(node: TFlowNode, ref: TokenRef, raw: string, at: At, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const name = ref.path[0];
  if (typeof name !== 'string') {
    issues.push(error('InvalidToken', `${nodeName(node)}: ${raw} must name a variable, e.g. {{ variables.machine_ids }}.`, at));
    return;
  }
  if (!variableSetUpstream(name, node.id, ctx)) {
    issues.push(
      error('VariableNotSet', `${nodeName(node)} uses ${raw}, but no "Set variable" step sets "${name}" before it.`, at),
    );
  }
}

function outputFieldsOf(nodeId: string, ctx: ParamCheckContext): OutputField[] {
  const node = ctx.nodesById.get(nodeId);
  const def = node === undefined ? undefined : getNodeType(node.type);
  if (def === undefined) return [];
  ctx.fields ??= graphFields(ctx.nodesById);
  const fields = ctx.fields(nodeId);
  return def.kind === 'action' ? [...fields, ...ERROR_OUTPUT_FIELDS] : fields;
}

/** The declared output type at exactly this token path, if the catalog declares it. */
export function declaredType(ref: TokenRef, ctx: ParamCheckContext): OutputFieldType | undefined {
  const path = formatPath(ref.path).replace(/^\./, '');
  return outputFieldsOf(ref.nodeId, ctx).find((f) => f.path === path)?.type;
}

/** Whole output, a declared field, or something inside a declared object/array field. */
function pathIsDeclared(ref: TokenRef, ctx: ParamCheckContext): boolean {
  const fields = outputFieldsOf(ref.nodeId, ctx);
  if (fields.length === 0 || ref.path.length === 0) return true;
  const path = formatPath(ref.path).replace(/^\./, '');
  return fields.some(
    (f) =>
      (f.type === 'object' || f.type === 'array' || f.type === 'any') &&
      (path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`)),
  );
}

/** The single token a string consists of, if it is exactly one token. */
function wholeToken(value: unknown): TokenRef | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = parseTemplate(value);
  return parts.length === 1 && parts[0].kind === 'token' ? parts[0].ref : undefined;
}

/** The operand's type as far as it is known at publish time. */
function operandType(value: unknown, ctx: ParamCheckContext): OutputFieldType | 'unknown' {
  const ref = wholeToken(value);
  if (ref !== undefined) {
    const type = declaredType(ref, ctx);
    return type === undefined || type === 'any' ? 'unknown' : type;
  }
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'object';
  return 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkConditionGroup(
  group: unknown,
  path: PathSegment[],
  node: TFlowNode,
  ctx: ParamCheckContext,
  issues: FlowIssue[],
  isStep: boolean,
): void {
  const at = (p: PathSegment[]) => ({ nodeId: node.id, path: p });
  if (!isRecord(group)) {
    issues.push(error('InvalidCondition', `${nodeName(node)}: the condition must be a group of rules.`, at(path)));
    return;
  }
  if (group.combinator !== 'and' && group.combinator !== 'or') {
    issues.push(
      error('InvalidCondition', `${nodeName(node)}: choose whether all (and) or any (or) of the rules must match.`, at([...path, 'combinator'])),
    );
  }
  if (!Array.isArray(group.rules)) {
    issues.push(error('InvalidCondition', `${nodeName(node)}: the condition has no list of rules.`, at([...path, 'rules'])));
    return;
  }
  if (group.rules.length === 0 && isStep && path.length === 0) {
    const always = group.combinator === 'or' ? 'false' : 'true';
    issues.push(warning('EmptyCondition', `${nodeName(node)} has no rules, so it is always ${always}.`, at(path)));
  }
  group.rules.forEach((rule, i) => {
    const rulePath = [...path, 'rules', i];
    if (isRecord(rule) && ('combinator' in rule || 'rules' in rule)) {
      checkConditionGroup(rule, rulePath, node, ctx, issues, isStep);
    } else {
      checkRule(rule, rulePath, node, ctx, issues);
    }
  });
}

function aType(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

const ORDERABLE = new Set<string>(['string', 'number', 'datetime', 'unknown']);
const LIST_LIKE = new Set<string>(['array', 'string', 'unknown']);

function checkRule(rule: unknown, path: PathSegment[], node: TFlowNode, ctx: ParamCheckContext, issues: FlowIssue[]): void {
  const at = (p: PathSegment[]) => ({ nodeId: node.id, path: p });
  const n = `${nodeName(node)}, rule ${Number(path[path.length - 1]) + 1}`;
  if (!isRecord(rule)) {
    issues.push(error('InvalidCondition', `${n}: not a valid rule.`, at(path)));
    return;
  }
  const op = typeof rule.operator === 'string' ? getOperator(rule.operator) : undefined;
  if (op === undefined) {
    issues.push(
      error('UnknownOperator', `${n}: unknown operator ${JSON.stringify(rule.operator ?? null)}; pick one from the list.`, at([...path, 'operator'])),
    );
    return;
  }
  if (rule.ignoreCase !== undefined && typeof rule.ignoreCase !== 'boolean') {
    issues.push(error('InvalidCondition', `${n}: "ignore case" must be true or false.`, at([...path, 'ignoreCase'])));
  }
  if (op.needsRight && rule.right === undefined) {
    issues.push(error('MissingOperand', `${n}: "${op.label}" needs a value to compare with.`, at([...path, 'right'])));
    return;
  }
  if (op.listRight) {
    const type = operandType(rule.right, ctx);
    if (!LIST_LIKE.has(type)) {
      issues.push(
        error('InvalidOperand', `${n}: "${op.label}" needs a list on the right (e.g. "High, Medium"), not ${aType(type)}.`, at([...path, 'right'])),
      );
    }
  }
  if (op.numeric) {
    for (const side of ['left', 'right'] as const) {
      const type = operandType(rule[side], ctx);
      if (!ORDERABLE.has(type)) {
        const ref = wholeToken(rule[side]);
        const what = ref === undefined ? aType(type) : `{{ ${formatTokenRef(ref)} }} (${aType(type)})`;
        issues.push(
          error('InvalidOperand', `${n}: "${op.label}" compares numbers, dates or text; it cannot compare ${what}.`, at([...path, side])),
        );
      }
    }
  }
}
