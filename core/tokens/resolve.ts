import { formatTokenRef, hasToken, parseTemplate, type PathSegment, type TokenRef } from './parse';

export interface ResolveResult {
  value: unknown;
  /** Tokens whose path did not exist in the context, e.g. `get_alert.machineId`. */
  missing: string[];
  /** Tokens that could not be parsed (never resolved), with the reason. */
  invalid: string[];
}

const MISSING = Symbol('missing');

/**
 * Reads a path from the context using own properties only, so `{{ trigger.toString }}` or
 * `{{ trigger.__proto__ }}` can never reach Object.prototype.
 */
export function lookup(context: Record<string, unknown>, ref: TokenRef): unknown | typeof MISSING {
  if (!Object.hasOwn(context, ref.nodeId)) return MISSING;
  let current: unknown = context[ref.nodeId];
  for (const seg of ref.path) {
    if (current === null || typeof current !== 'object') return MISSING;
    const key = String(seg);
    if (!Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Reads a token path; `undefined` when missing. */
export function resolveRef(context: Record<string, unknown>, ref: TokenRef): unknown {
  const found = lookup(context, ref);
  return found === MISSING ? undefined : found;
}

/**
 * Resolves tokens deep over a param value. A string that is exactly one token keeps the
 * referenced value's type; mixed text becomes a string. Never mutates `value`.
 */
/**
 * How a token's value is written into mixed text. The default is plain text; a param holding
 * code for another system (a KQL query) escapes values so data can never become code there.
 */
export type TokenEncoder = (text: string) => string;

export function resolveValue(value: unknown, context: Record<string, unknown>, encode?: TokenEncoder): ResolveResult {
  const result: ResolveResult = { value: undefined, missing: [], invalid: [] };
  result.value = resolveDeep(value, context, result, encode);
  return result;
}

function resolveDeep(value: unknown, context: Record<string, unknown>, acc: ResolveResult, encode?: TokenEncoder): unknown {
  if (typeof value === 'string') return resolveString(value, context, acc, encode);
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, context, acc, encode));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveDeep(item, context, acc, encode)]),
    );
  }
  return value;
}

/** KQL string-literal content: backslash escapes, so a value inside "…" or '…' stays a string. */
export const encodeKqlString: TokenEncoder = (text) =>
  text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n');

/** HTML text: the five special characters become entities, so a value can never become markup. */
export const encodeHtml: TokenEncoder = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** OData string-literal content: a quote is doubled, so a value inside '…' stays a string. */
/** Encoders whose params are markup documents: a whole-token value is text in them too. */
const ENCODES_WHOLE_TOKENS: ReadonlySet<TokenEncoder> = new Set<TokenEncoder>([encodeHtml]);

export const encodeODataString: TokenEncoder = (text) => text.replace(/'/g, "''");

/**
 * One URL component: every character that could end a path segment or a query value (/ ? # & = +,
 * spaces, …) is percent-encoded, so a value can never add a path segment or a query parameter.
 */
export const encodeUrlComponent: TokenEncoder = (text) => encodeURIComponent(text);

/**
 * JSON string content (without the quotes): JSON.stringify's escaping, so a value inside "…"
 * stays one string and can never add keys or close the document.
 */
export const encodeJsonString: TokenEncoder = (text) => JSON.stringify(text).slice(1, -1);

/**
 * Markdown text (Teams Adaptive Card TextBlocks and facts): the characters that start emphasis,
 * links and code are backslash-escaped, so an alert title like "[Reset your password](https://…)"
 * shows as typed instead of becoming a link in the SOC channel.
 */
export const encodeMarkdown: TokenEncoder = (text) => text.replace(/[\\*_[\]~`]/g, (c) => `\\${c}`);

/**
 * Slack mrkdwn: &, < and > are its control characters (<url|text> links, <!channel> mentions);
 * Slack asks for exactly these three as HTML entities.
 */
/**
 * An HTTP header line: a line break in a token value would start a new header (header
 * injection), so CR, LF and NUL become U+FFFD, which the HTTP request step then refuses.
 */
export const encodeHeaderValue: TokenEncoder = (text) => text.replace(/[\r\n\0]/g, '\uFFFD');

export const encodeSlackMrkdwn: TokenEncoder = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function resolveString(str: string, context: Record<string, unknown>, acc: ResolveResult, encode?: TokenEncoder): unknown {
  if (!hasToken(str)) return str; // the common case: plain text, no parsing
  const parts = parseTemplate(str);
  if (parts.length === 1 && parts[0].kind !== 'text') {
    const part = parts[0];
    if (part.kind === 'invalid') {
      acc.invalid.push(`${part.raw}: ${part.error}`);
      return undefined;
    }
    const found = lookup(context, part.ref);
    if (found === MISSING) {
      acc.missing.push(formatTokenRef(part.ref));
      return undefined;
    }
    // A whole token keeps its type, except where the param is markup: `html: '{{ trigger.title }}'`
    // must not turn alert text into HTML, so the value is encoded like a token inside text.
    if (encode !== undefined && ENCODES_WHOLE_TOKENS.has(encode)) return encode(stringify(found));
    return found;
  }
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'invalid') acc.invalid.push(`${part.raw}: ${part.error}`);
    else {
      const found = lookup(context, part.ref);
      if (found === MISSING) acc.missing.push(formatTokenRef(part.ref));
      else out += encode === undefined ? stringify(found) : encode(stringify(found));
    }
  }
  return out;
}

/** How a value reads inside text: objects as JSON, null/undefined as nothing. */
export function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type { PathSegment, TokenRef };

/**
 * Resolves a node's params, each with its own encoder where the catalog asks for one (keys
 * without an encoder resolve as usual).
 */
export function resolveParams(params: Record<string, unknown>, context: Record<string, unknown>, encoders: Readonly<Record<string, TokenEncoder>> | undefined): ResolveResult {
  if (encoders === undefined) return resolveValue(params, context);
  const acc: ResolveResult = { value: undefined, missing: [], invalid: [] };
  acc.value = Object.fromEntries(Object.entries(params).map(([key, item]) => [key, resolveDeep(item, context, acc, Object.hasOwn(encoders, key) ? encoders[key] : undefined)]));
  return acc;
}
