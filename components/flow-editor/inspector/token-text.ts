/**
 * A param string as the user should read it: literal text and readable token chips
 * ("Get alert › Severity"). The stored value stays the plain `{{ node.path }}` template; this
 * only decides how to display it and which tokens deserve a warning.
 */
import { ERROR_OUTPUT_FIELDS, getNodeType } from '@/core/catalog/index';
import { graphFields, type FieldsOf } from '@/core/flow/output-fields';
import type { TDraftGraph } from '@/core/flow/schema';
import { formatPath, parseTemplate } from '@/core/tokens/parse';
import { VARIABLES_ROOT } from '@/core/catalog/index';
import { nodeDisplayName, tokenSources, variablesSetBefore } from './token-options';

export type ChipState = 'ok' | 'notUpstream' | 'unknownNode' | 'invalid';

export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'token'; raw: string; label: string; state: ChipState; problem?: string };

export interface TokenContext {
  graph: TDraftGraph;
  /** Nodes this field's node may read from (see tokenSources). */
  sources: Set<string>;
  /** Run variables set before this node ({{ variables.<name> }}). */
  variables?: Set<string>;
}

export function tokenContext(graph: TDraftGraph, nodeId: string): TokenContext {
  const sources = tokenSources(graph, nodeId);
  return { graph, sources, variables: new Set(variablesSetBefore(graph, nodeId, sources)) };
}

export function textParts(value: string, ctx: TokenContext): TextPart[] {
  let fieldsOf: FieldsOf | undefined;
  return parseTemplate(value).map((part): TextPart => {
    if (part.kind === 'text') return part;
    if (part.kind === 'invalid') {
      return { kind: 'token', raw: part.raw, label: part.raw, state: 'invalid', problem: part.error };
    }
    const { nodeId, path } = part.ref;
    const pathText = formatPath(path).replace(/^\./, '');
    if (nodeId === VARIABLES_ROOT) {
      const name = typeof path[0] === 'string' ? path[0] : '';
      const known = ctx.variables?.has(name) ?? false;
      return known
        ? { kind: 'token', raw: part.raw, label: `Variables › ${pathText}`, state: 'ok' }
        : { kind: 'token', raw: part.raw, label: `Variables › ${pathText}`, state: 'notUpstream', problem: `No "Set variable" step sets "${name}" before this step.` };
    }
    const node = ctx.graph.nodes.find((n) => n.id === nodeId);
    if (node === undefined) {
      return {
        kind: 'token',
        raw: part.raw,
        label: pathText === '' ? nodeId : `${nodeId} › ${pathText}`,
        state: 'unknownNode',
        problem: `There is no step with id "${nodeId}".`,
      };
    }
    const def = getNodeType(node.type);
    // Graph-aware fields, so a loop item's column reads "For each › Item: DeviceName".
    const fields = def === undefined ? [] : [...(fieldsOf ??= graphFields(ctx.graph.nodes))(nodeId), ...(def.kind === 'action' ? ERROR_OUTPUT_FIELDS : [])];
    const fieldLabel = fields.find((f) => f.path === pathText)?.label ?? pathText;
    const nodeLabel = nodeDisplayName(node);
    const label = fieldLabel === '' ? nodeLabel : `${nodeLabel} › ${fieldLabel}`;
    if (!ctx.sources.has(nodeId)) {
      return {
        kind: 'token',
        raw: part.raw,
        label,
        state: 'notUpstream',
        problem: `"${nodeLabel}" does not run before this step.`,
      };
    }
    return { kind: 'token', raw: part.raw, label, state: 'ok' };
  });
}

/** Problems worth a hint under the field (one per distinct token). */
export function tokenProblems(parts: TextPart[]): string[] {
  const seen = new Set<string>();
  for (const p of parts) {
    if (p.kind === 'token' && p.problem !== undefined) seen.add(`${p.label}: ${p.problem}`);
  }
  return [...seen];
}

// --- Caret helpers for `{{` autocomplete and insertion (pure, so they are unit-tested). ---

/** Characters allowed between `{{` and the caret while the user is still typing a token. */
const PARTIAL_TOKEN = /^[\sA-Za-z0-9_.[\]$-]*$/;

export interface AutocompleteMatch {
  /** Index of the `{{` that opened the token. */
  start: number;
  /** What the user typed after `{{` (trimmed). */
  query: string;
}

/** When the caret sits inside an unfinished `{{ …`, where it starts and what was typed so far. */
export function autocompleteAt(value: string, caret: number): AutocompleteMatch | null {
  const before = value.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open === -1) return null;
  const typed = before.slice(open + 2);
  if (typed.includes('}}') || typed.includes('\n') || !PARTIAL_TOKEN.test(typed)) return null;
  return { start: open, query: typed.trim() };
}

export interface Edit {
  value: string;
  caret: number;
}

/** Replaces [start, end) with `text`; the caret lands right after it. */
export function replaceRange(value: string, start: number, end: number, text: string): Edit {
  const a = Math.max(0, Math.min(start, value.length));
  const b = Math.max(a, Math.min(end, value.length));
  return { value: value.slice(0, a) + text + value.slice(b), caret: a + text.length };
}

/**
 * Completes the `{{ …` at `match` with `token`. A `}}` the user already typed right after the
 * caret is swallowed, so "{{sev|}}" does not end up as "{{ get_alert.severity }}}}".
 */
export function completeToken(value: string, caret: number, match: AutocompleteMatch, token: string): Edit {
  const after = /^\s*\}\}/.exec(value.slice(caret));
  return replaceRange(value, match.start, caret + (after ? after[0].length : 0), token);
}
