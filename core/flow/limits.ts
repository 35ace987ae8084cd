/**
 * Size limits of a flow document (docs/security.md). They live in the draft schema, so the REST
 * API, import and the designer's save all refuse an oversized flow with the same message (a 400,
 * never a 500), and nothing downstream (checker, executor, designer) meets a pathological graph.
 * Generous on purpose: a real flow has tens of steps and params of a few hundred characters.
 */
export const FLOW_LIMITS = {
  maxNodes: 1000,
  maxEdges: 3000,
  /** Any one string inside a step's params (an email body, a KQL query, a JSON body). */
  maxParamStringLength: 20_000,
  /** The inside of one `{{ … }}` token. */
  maxTokenExpressionLength: 500,
  /** Object keys inside params (header names, variable names). */
  maxParamKeyLength: 200,
  /** Nesting of objects and arrays inside params (condition groups nest a few levels). */
  maxParamDepth: 20,
  /** Values in one params array or object (condition rules, header lists). */
  maxParamCollectionSize: 1000,
  maxLabelLength: 200,
  maxTypeLength: 100,
  maxEdgeIdLength: 200,
  /** Node ids are at most 63 characters; a longer edge end can only be garbage. */
  maxEdgeEndLength: 100,
  /** Switch handles are `case:<value>`. */
  maxHandleLength: 1000,
  maxNotesLength: 5000,
  maxFlowNameLength: 200,
  maxFlowDescriptionLength: 2000,
} as const;

export interface LimitIssue {
  path: (string | number)[];
  message: string;
}

const n = (v: number) => v.toLocaleString('en-US');
const TOKEN_INSIDE = /\{\{([\s\S]*?)\}\}/g;

/**
 * Every limit a params value breaks, with the path inside params. Stops after a few issues:
 * one clear message is worth more than a thousand of the same.
 */
export function paramLimitIssues(params: unknown, max = 10): LimitIssue[] {
  const issues: LimitIssue[] = [];
  walk(params, [], 0, issues, max);
  return issues;
}

function walk(value: unknown, path: (string | number)[], depth: number, issues: LimitIssue[], max: number): void {
  if (issues.length >= max) return;
  if (typeof value === 'string') {
    if (value.length > FLOW_LIMITS.maxParamStringLength) {
      issues.push({ path, message: `Text is ${n(value.length)} characters long; the most a step setting may hold is ${n(FLOW_LIMITS.maxParamStringLength)}` });
      return;
    }
    for (const m of value.matchAll(TOKEN_INSIDE)) {
      if ((m[1] ?? '').length > FLOW_LIMITS.maxTokenExpressionLength) {
        issues.push({ path, message: `A token {{ … }} is ${n((m[1] ?? '').length)} characters long; the most is ${n(FLOW_LIMITS.maxTokenExpressionLength)}` });
        return;
      }
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= FLOW_LIMITS.maxParamDepth) {
    issues.push({ path, message: `Settings nest more than ${FLOW_LIMITS.maxParamDepth} levels deep` });
    return;
  }
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length > FLOW_LIMITS.maxParamCollectionSize) {
    issues.push({ path, message: `A list or group holds ${n(entries.length)} values; the most is ${n(FLOW_LIMITS.maxParamCollectionSize)}` });
    return;
  }
  for (const [key, item] of entries) {
    if (typeof key === 'string' && key.length > FLOW_LIMITS.maxParamKeyLength) {
      issues.push({ path, message: `A setting name is ${n(key.length)} characters long; the most is ${n(FLOW_LIMITS.maxParamKeyLength)}` });
      return;
    }
    walk(item, [...path, key], depth + 1, issues, max);
    if (issues.length >= max) return;
  }
}
