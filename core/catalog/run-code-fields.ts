/**
 * The Run code step's params and typed outputs. The code receives `input`, an object of named
 * values the user maps from upstream tokens, and returns any JSON value as `result`. Which
 * fields `result` has is declared in the step (`outputFields`) or, when nothing is declared,
 * inferred from the step's output in the latest run, so later steps get typed tokens such as
 * `{{ run_code.result.score }}` either way (the same scheme as a hunting query's columns).
 */
import { z } from 'zod';
import type { OutputField, OutputFieldType } from './types';

/** Limits the catalog enforces; the sandbox (server/sandbox) applies them. */
export const RUN_CODE_LIMITS = Object.freeze({
  defaultTimeoutMs: 1000,
  minTimeoutMs: 10,
  maxTimeoutMs: 10_000,
  defaultMemoryMb: 64,
  minMemoryMb: 8,
  maxMemoryMb: 256,
  maxCodeChars: 100_000,
  maxInputs: 50,
  maxOutputFields: 100,
});

/** The convention, shown as the default: an ES module whose default export is `main(input)`. */
export const RUN_CODE_TEMPLATE = [
  '// input holds the values mapped under "Inputs", e.g. input.severity.',
  '// Return any JSON value: later steps read its fields as tokens (result.ok).',
  'export default function main(input) {',
  '  console.log("severity", input.severity);',
  '  return { ok: true };',
  '}',
  '',
].join('\n');

/** Input names are plain identifiers so the code reads them as `input.<name>`. */
export const CODE_INPUT_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,62}$/;
/** Output field names are token paths below `result`: `score` or `details.level`. */
export const CODE_OUTPUT_PATH = /^[A-Za-z_$][A-Za-z0-9_$]{0,62}(\.[A-Za-z_$][A-Za-z0-9_$]{0,62}){0,4}$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export const CODE_OUTPUT_TYPES = ['string', 'number', 'boolean', 'datetime', 'object', 'array', 'any'] as const satisfies readonly OutputFieldType[];

export const ZCodeInput = z.object({
  name: z
    .string()
    .trim()
    .regex(CODE_INPUT_NAME, 'Use letters, digits, _ and $ (not starting with a digit), as in input.severity')
    .refine((n) => !FORBIDDEN.has(n), 'This name is reserved'),
  /** A token such as {{ get_alert.severity }} (keeps the value's type), or literal text. */
  value: z.unknown(),
});

export const ZCodeInputs = z
  .array(ZCodeInput)
  .max(RUN_CODE_LIMITS.maxInputs, `At most ${RUN_CODE_LIMITS.maxInputs} inputs`)
  .refine((list) => new Set(list.map((i) => i.name.trim())).size === list.length, 'Each input needs a different name');

export const ZCodeOutputField = z.object({
  name: z
    .string()
    .trim()
    .regex(CODE_OUTPUT_PATH, 'A field name such as score or details.level')
    .refine((n) => !n.split('.').some((s) => FORBIDDEN.has(s)), 'This name is reserved'),
  type: z.enum(CODE_OUTPUT_TYPES),
});

export const ZCodeOutputFields = z
  .array(ZCodeOutputField)
  .max(RUN_CODE_LIMITS.maxOutputFields, `At most ${RUN_CODE_LIMITS.maxOutputFields} fields`)
  .refine((list) => new Set(list.map((f) => f.name.trim())).size === list.length, 'Each field needs a different name');

export type TCodeOutputField = z.infer<typeof ZCodeOutputField>;

/** What every Run code step outputs, whatever its code returns. */
export const RUN_CODE_BASE_FIELDS: readonly OutputField[] = Object.freeze([
  { path: 'result', label: 'Result', type: 'any' },
  {
    path: 'logs',
    label: 'Console output',
    type: 'array',
    items: [
      { path: 'level', label: 'Level', type: 'string' },
      { path: 'message', label: 'Message', type: 'string' },
    ],
  },
  { path: 'durationMs', label: 'Duration (ms)', type: 'number' },
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The token type of a JSON value from a run (an ISO timestamp reads as a datetime). */
export function valueFieldType(value: unknown): OutputFieldType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? 'datetime' : 'string';
  if (Array.isArray(value)) return 'array';
  if (isRecord(value)) return 'object';
  return 'any';
}

const INFER_DEPTH = 2;
const INFER_MAX_FIELDS = 100;

/** Fields of a result seen in a run: its keys (two levels deep), typed from their values. */
export function inferOutputFields(result: unknown): TCodeOutputField[] {
  const out: TCodeOutputField[] = [];
  const walk = (value: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, item] of Object.entries(value)) {
      if (out.length >= INFER_MAX_FIELDS) return;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (!ZCodeOutputField.shape.name.safeParse(name).success) continue;
      out.push({ name, type: valueFieldType(item) });
      if (isRecord(item) && depth < INFER_DEPTH) walk(item, name, depth + 1);
    }
  };
  if (isRecord(result)) walk(result, '', 1);
  return out;
}

/** Declared fields, if valid and not empty. */
export function declaredOutputFields(params: Record<string, unknown>): TCodeOutputField[] | undefined {
  const parsed = ZCodeOutputFields.safeParse(Object.hasOwn(params, 'outputFields') ? params.outputFields : undefined);
  return parsed.success && parsed.data.length > 0 ? parsed.data : undefined;
}

/** The result seen in the step's latest run (`sample` is its whole output). */
function sampleResult(sample: unknown): unknown {
  return isRecord(sample) && Object.hasOwn(sample, 'result') ? sample.result : undefined;
}

/** Declared fields win; else those of the latest run; with neither, `result` stays untyped. */
export function runCodeOutputFields(params: Record<string, unknown>, sample?: unknown): OutputField[] {
  const fields = declaredOutputFields(params) ?? inferOutputFields(sampleResult(sample));
  const typed: OutputField[] = fields.map((f) => ({ path: `result.${f.name}`, label: `Result: ${f.name}`, type: f.type }));
  const [result, ...rest] = RUN_CODE_BASE_FIELDS;
  return [result as OutputField, ...typed, ...rest];
}
