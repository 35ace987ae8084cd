/**
 * Token grammar (design.md §3): `{{ node_id.path.to.field }}`, `{{ trigger.evidence[0].sha1 }}`.
 * Path segments and `[n]` indices only — no expressions, so user input is never evaluated.
 * `__proto__`, `constructor` and `prototype` are rejected here so they can never be resolved.
 */
export type PathSegment = string | number;

export interface TokenRef {
  /** The node the token reads from (`trigger` for the trigger data). */
  nodeId: string;
  /** Path inside that node's output. */
  path: PathSegment[];
}

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'token'; raw: string; ref: TokenRef }
  | { kind: 'invalid'; raw: string; error: string };

const TOKEN = /\{\{([\s\S]*?)\}\}/g;
const HAS_TOKEN = /\{\{[\s\S]*?\}\}/;
const ROOT = /^[A-Za-z_][A-Za-z0-9_]*/;
const KEY = /^\.([A-Za-z_$][A-Za-z0-9_$-]*)/;
const INDEX = /^\[(\d{1,9})\]/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Cheap test used on hot paths: does this string contain anything token-shaped? */
export function hasToken(value: string): boolean {
  return HAS_TOKEN.test(value);
}

/** Parses the inside of `{{ … }}`. Returns the ref or a message a SOC engineer can act on. */
export function parseTokenExpression(expression: string): TokenRef | { error: string } {
  const text = expression.trim();
  if (text === '') return { error: 'Empty token: write {{ node_id.field }}' };
  const root = ROOT.exec(text);
  if (!root) return { error: `Token "${text}" must start with a node id` };
  const nodeId = root[0];
  if (FORBIDDEN.has(nodeId)) return { error: `Token "${text}" uses the forbidden name "${nodeId}"` };
  const path: PathSegment[] = [];
  let rest = text.slice(nodeId.length);
  while (rest.length > 0) {
    const key = KEY.exec(rest);
    if (key) {
      if (FORBIDDEN.has(key[1])) return { error: `Token "${text}" uses the forbidden name "${key[1]}"` };
      path.push(key[1]);
      rest = rest.slice(key[0].length);
      continue;
    }
    const index = INDEX.exec(rest);
    if (index) {
      path.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    return {
      error: `Token "${text}" is not a valid path: use field names separated by dots and [0] indices`,
    };
  }
  return { nodeId, path };
}

/** Splits a string into literal text and tokens. Text without `{{ }}` is a single text part. */
export function parseTemplate(str: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of str.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: str.slice(last, start) });
    const parsed = parseTokenExpression(match[1]);
    parts.push(
      'error' in parsed
        ? { kind: 'invalid', raw: match[0], error: parsed.error }
        : { kind: 'token', raw: match[0], ref: parsed },
    );
    last = start + match[0].length;
  }
  if (last < str.length) parts.push({ kind: 'text', text: str.slice(last) });
  return parts;
}

/** `get_alert.evidence[0].sha1` — the canonical spelling used in messages and `missing` lists. */
export function formatTokenRef(ref: TokenRef): string {
  return ref.nodeId + formatPath(ref.path);
}

/** `.evidence[0].sha1` (leading dot when the path is not empty). */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((seg) => (typeof seg === 'number' ? `[${seg}]` : `.${seg}`)).join('');
}
