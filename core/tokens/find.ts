import { parseTemplate, type PathSegment, type TokenRef } from './parse';

/** One `{{ }}` occurrence inside a param value, with where it sits (for checker messages). */
export interface FoundToken {
  /** Path of the string inside the param value, e.g. `['rules', 0, 'left']`. */
  paramPath: PathSegment[];
  raw: string;
  /** Set for a valid token. */
  ref?: TokenRef;
  /** Set for an invalid token (it will never be resolved). */
  error?: string;
  /** True when the whole string is this one token (so it keeps the value's type). */
  whole: boolean;
}

/** Every token in a value, deep over objects and arrays. */
export function findTokens(value: unknown, basePath: PathSegment[] = []): FoundToken[] {
  const found: FoundToken[] = [];
  walk(value, basePath, found);
  return found;
}

function walk(value: unknown, path: PathSegment[], found: FoundToken[]): void {
  if (typeof value === 'string') {
    const parts = parseTemplate(value);
    const whole = parts.length === 1;
    for (const part of parts) {
      if (part.kind === 'token') found.push({ paramPath: path, raw: part.raw, ref: part.ref, whole });
      else if (part.kind === 'invalid') found.push({ paramPath: path, raw: part.raw, error: part.error, whole });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], found);
  }
}
