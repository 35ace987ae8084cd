/**
 * Inline validation of what the user typed, on blur, before the checker runs: literal values
 * against the param's own zod schema. Anything holding a token is only known at run time, so it
 * is left to the checker (same rule as core/flow/check-params.ts).
 */
import { isBlank } from '@/core/values';
import { z } from 'zod';
import type { FlowIssue } from '@/core/flow/issues';
import { hasToken } from '@/core/tokens/parse';
import type { FieldSpec } from './param-fields';


// --- Recipients: stored as "a@x; b@y" (or a list), the two shapes the catalog accepts. ---

export function recipientsToList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
  if (typeof value !== 'string') return [];
  return value
    .split(/[,;]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Keeps the shape the flow already used: a list stays a list, anything else is "a; b" text. */
export function listToRecipients(list: string[], previous: unknown): string | string[] {
  return Array.isArray(previous) ? list : list.join('; ');
}

const ZEmail = z.email();

/** Message for a literal value, or undefined when it is fine (or only checkable at run time). */
export function validateLiteral(field: FieldSpec, value: unknown): string | undefined {
  if (isBlank(value)) return field.required ? 'Required' : undefined;
  if (field.widget === 'recipients') {
    const bad = recipientsToList(value).filter((item) => !hasToken(item) && !ZEmail.safeParse(item).success);
    if (bad.length === 0) return undefined;
    return bad.length === 1 ? `"${bad[0]}" is not a valid email address` : `Not valid email addresses: ${bad.join(', ')}`;
  }
  if (typeof value === 'string' && hasToken(value)) return undefined;
  if (field.widget === 'condition') return undefined; // rows are checked by the checker, per rule
  const parsed = field.schema.safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  if (issue.code === 'invalid_value' && field.options !== undefined) return `Choose one of: ${field.options.join(', ')}`;
  return issue.message;
}

/** A param path from an issue, without a leading 'params' (the checker omits it; others may not). */
export function paramPathOf(issue: FlowIssue): (string | number)[] {
  const path = issue.path ?? [];
  return path[0] === 'params' ? path.slice(1) : path;
}

function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.every((seg, i) => String(path[i]) === String(seg));
}

/** This node's issues at or below `prefix` (a param path). */
export function issuesUnder(issues: FlowIssue[], nodeId: string, prefix: (string | number)[]): FlowIssue[] {
  return issues.filter((i) => i.nodeId === nodeId && i.path !== undefined && startsWith(paramPathOf(i), prefix));
}

/** Issues exactly at `path` (not below it): a rule row shows its own, its group the rest. */
export function issuesAt(issues: FlowIssue[], nodeId: string, path: (string | number)[]): FlowIssue[] {
  return issuesUnder(issues, nodeId, path).filter((i) => paramPathOf(i).length === path.length);
}
