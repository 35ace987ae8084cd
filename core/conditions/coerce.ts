/**
 * Operand coercion for conditions. Values come from tokens (any JSON type) or from text typed in
 * the designer, so "5" must equal 5 and "2024-01-02T00:00:00Z" must be later than "2024-01-01".
 * Rules: both finite numbers → numeric; both ISO dates → by instant; otherwise text.
 */
import { stringify } from '../tokens/resolve';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function toDateMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

export function toText(value: unknown, ignoreCase: boolean): string {
  const text = stringify(value);
  return ignoreCase ? text.toLowerCase() : text;
}

/** Negative, zero or positive; NaN when the operands cannot be ordered (missing values). */
export function compare(left: unknown, right: unknown, ignoreCase: boolean): number {
  if (left === undefined || left === null || right === undefined || right === null) return NaN;
  const ln = toNumber(left);
  const rn = toNumber(right);
  if (ln !== undefined && rn !== undefined) return ln - rn;
  const ld = toDateMs(left);
  const rd = toDateMs(right);
  if (ld !== undefined && rd !== undefined) return ld - rd;
  if (typeof left === 'object' || typeof right === 'object') return NaN;
  const lt = toText(left, ignoreCase);
  const rt = toText(right, ignoreCase);
  return lt < rt ? -1 : lt > rt ? 1 : 0;
}

/** Equality with the same coercion; objects and arrays compare by JSON text. */
export function looseEquals(left: unknown, right: unknown, ignoreCase: boolean): boolean {
  const ln = toNumber(left);
  const rn = toNumber(right);
  if (ln !== undefined && rn !== undefined) return ln === rn;
  const ld = toDateMs(left);
  const rd = toDateMs(right);
  if (ld !== undefined && rd !== undefined) return ld === rd;
  return toText(left, ignoreCase) === toText(right, ignoreCase);
}

/** Right side of `in`: an array, or a comma-separated string ("High, Medium"). */
export function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (value === undefined || value === null) return [];
  return [value];
}

/** Empty: missing, null, blank text, [] or {}. Numbers and booleans are never empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
