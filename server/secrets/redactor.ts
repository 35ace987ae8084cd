// One redactor for everything that leaves the worker or the API as history, logs, errors or
// exports (issue 7: secrets never appear there). Two nets:
//  1. by value: the secrets currently in use (decrypted connection secrets, OAuth tokens, and the
//     key parts of webhook URLs) are replaced wherever they occur, in any string, deep in JSON;
//  2. by name: values under secret-looking keys (password, secret, token, authorization, apiKey,
//     clientSecret, …) and secret-looking parts of text (an "Authorization:"/"X-Api-Key:" header
//     line, "Bearer …", sig=/sas=/code= query parameters, user:password@ in URLs).
// Pure: the set of known secrets is passed in (server/secrets/known-secrets.ts keeps it).
export const REDACTED = '[redacted]';

/**
 * Shorter values are not searched for by value: they would match ordinary words and numbers all
 * over run history. The name net still covers them; docs/secrets.md asks for long secrets.
 */
export const MIN_SECRET_LENGTH = 6;

/** Query parameters whose value is a credential (Teams/Logic Apps sig, Azure SAS, function keys). */
const SECRET_PARAMS = 'sig|sas|code|key|api[-_]?key|apikey|token|access_token|refresh_token|id_token|client_secret|password|passwd|secret|signature|auth';
const SECRET_PARAM_NAME = new RegExp(`^(?:${SECRET_PARAMS})$`, 'i');

/** Object keys whose (string) values are secrets. */
const SECRET_KEY = /secret|password|passwd|pwd|token|authorization|api[-_]?key|cookie|credential|signature|^sig$|^sas$/i;
/** …except these, which name a secret's place or kind, not its value (tokenUrl, tokenType). */
const NOT_SECRET_KEY = /(?:url|uri|type|encoding|expires(?:at|in)?|count|id)$/i;

export function isSecretKeyName(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}

/**
 * A flow's own token reference ("X-Api-Key: {{ vars.value.key }}" in an exported graph) names
 * where a value comes from, not the value: kept, so an export still imports as the same flow.
 */
const isTokenExpression = (value: string) => value.trimStart().startsWith('{{');

/** Text patterns for the name net, each keeping its prefix and replacing the value. */
const TEXT_PATTERNS: readonly [RegExp, (match: string, ...groups: string[]) => string, (s: string) => boolean][] = [
  // Header lines: "Authorization: Bearer x", "X-Api-Key: x", "Ocp-Apim-Subscription-Key: x". A
  // name with a secret word must be a bare one or hyphenated like a header, so an error code such
  // as "OAuthTokenFailed: …" at the start of a line is left alone.
  [
    /^([ \t]*(?:authorization|cookie|apikey|api[-_]key|token|password|passwd|secret|key|(?=[A-Za-z0-9]+-)[A-Za-z0-9-]*(?:authorization|api-?key|token|secret|password|cookie|signature|credential|-key)[A-Za-z0-9-]*)[ \t]*:[ \t]*)\S[^\r\n]*/gim,
    (m, prefix) => (isTokenExpression(m.slice(prefix.length)) ? m : `${prefix}${REDACTED}`),
    (s) => s.includes(':'),
  ],
  // JSON inside text: "password": "x", "client_secret":"x" (not "tokenUrl": a place, not a value).
  [
    /("([^"\\\r\n]{1,100})"\s*:\s*")((?:[^"\\]|\\.)*)"/g,
    (m, prefix, name, value) => (isSecretKeyName(name) && value !== '' ? `${prefix}${REDACTED}"` : m),
    (s) => s.includes('"'),
  ],
  // Query strings and form bodies: ?sig=x, &code=x, client_secret=x.
  [new RegExp(`((?:^|[?&;\\s])(?:${SECRET_PARAMS})=)[^&#\\s"'<>]+`, 'gim'), (m, prefix) => (isTokenExpression(m.slice(prefix.length)) ? m : `${prefix}${REDACTED}`), (s) => s.includes('=')],
  // Credentials in a scheme: "Bearer <token>", "Basic <base64>" (a word like "authentication" is not one).
  [/\b(Bearer|Basic)([ \t]+)(?=[A-Za-z0-9._~+/=-]*[0-9=+/])[A-Za-z0-9._~+/=-]{8,}/g, (_m, scheme, space) => `${scheme}${space}${REDACTED}`, (s) => s.includes('Bearer') || s.includes('Basic')],
  // user:password@host in URLs.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, (_m, prefix) => `${prefix}${REDACTED}@`, (s) => s.includes('://') && s.includes('@')],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A secret and the forms it takes in text: URL- and JSON-escaped; for a URL (webhooks carry their
 * key in it) also its path and query, credential query values and long path segments (Slack's key).
 */
export function secretVariants(secret: string): string[] {
  const out = new Set<string>([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  if (/^https?:\/\//i.test(secret) && URL.canParse(secret)) {
    const url = new URL(secret);
    out.add(url.href);
    out.add(`${url.host}${url.pathname}${url.search}`);
    if (url.search !== '') out.add(`${url.pathname}${url.search}`);
    if (url.pathname.length >= 12) out.add(url.pathname);
    for (const [name, value] of url.searchParams) {
      if (SECRET_PARAM_NAME.test(name)) {
        out.add(value);
        out.add(encodeURIComponent(value));
      }
    }
    for (const segment of url.pathname.split('/')) if (segment.length >= 16) out.add(segment);
    if (url.password) out.add(decodeURIComponent(url.password));
  }
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

export interface Redactor {
  /** A string with known secrets and secret-looking parts replaced. */
  text(s: string): string;
  /** A deep copy of plain data: strings as `text`, values under secret-looking keys replaced. */
  value<T>(v: T): T;
  /** Only the by-value net (for data later steps may read again, e.g. step outputs). */
  knownOnly<T>(v: T): T;
  /** Whether `s` contains a known secret (tests, assertions). */
  leaks(s: string): boolean;
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  const variants = new Set<string>();
  for (const s of secrets) if (typeof s === 'string') for (const v of secretVariants(s)) variants.add(v);
  // Longest first, so a URL is replaced whole before its parts.
  const sorted = [...variants].sort((a, b) => b.length - a.length);
  const known = sorted.length === 0 ? null : new RegExp(sorted.map(escapeRegExp).join('|'), 'g');

  // A non-global test first (no state, stops at the first hit): nothing is copied or replaced
  // unless a secret is there. Measured faster than `includes` per secret or a rolling hash.
  const probe = known === null ? null : new RegExp(known.source);
  const shortest = sorted.length === 0 ? Infinity : Math.min(...sorted.map((v) => v.length));
  const mayHold = (s: string) => s.length >= shortest;
  const byValue = (s: string) => (probe === null || !mayHold(s) || !probe.test(s) ? s : s.replace(known!, REDACTED));
  // Each pattern runs only when its cheap precondition holds: this is on the worker's hot path
  // (every step record), and most strings have nothing to redact.
  const byName = (s: string) =>
    TEXT_PATTERNS.reduce((acc, [re, to, mayMatch]) => (mayMatch(acc) ? acc.replace(re, (m: string, ...groups: unknown[]) => to(m, ...groups.map((g) => (typeof g === 'string' ? g : '')))) : acc), s);
  const text = (s: string) => byName(byValue(s));

  const walk = (v: unknown, str: (s: string) => string, key: (k: string) => string, names: boolean, seen: WeakSet<object>, underSecret: boolean): unknown => {
    if (typeof v === 'string') return underSecret && v !== '' ? REDACTED : str(v);
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Date) return new Date(v.getTime());
    if (seen.has(v)) return '[circular]';
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((item) => walk(item, str, key, names, seen, underSecret));
    else {
      // fromEntries defines own properties, so a JSON key "__proto__" cannot change the prototype.
      out = Object.fromEntries(Object.entries(v).map(([k, item]) => [key(k), walk(item, str, key, names, seen, underSecret || (names && isSecretKeyName(k)))]));
    }
    seen.delete(v);
    return out;
  };

  /**
   * Whether the data holds a known secret anywhere, tested once on its JSON text (every variant
   * includes the JSON-escaped form): the common case, no secret, then skips the per-string search.
   */
  const holdsKnown = (v: unknown): boolean => {
    if (known === null || v === null || v === undefined) return false;
    let json: string | undefined;
    try {
      json = typeof v === 'string' ? v : JSON.stringify(v);
    } catch {
      return true; // a cycle or a BigInt: search it string by string
    }
    return json !== undefined && mayHold(json) && probe!.test(json);
  };
  const same = (k: string) => k;

  return {
    text,
    value: <T>(v: T) => (holdsKnown(v) ? walk(v, text, byValue, true, new WeakSet(), false) : walk(v, byName, same, true, new WeakSet(), false)) as T,
    knownOnly: <T>(v: T) => (holdsKnown(v) ? (walk(v, byValue, byValue, false, new WeakSet(), false) as T) : v),
    leaks: (s: string) => probe !== null && probe.test(s),
  };
}
