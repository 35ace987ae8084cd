/**
 * A hunting query's result columns as typed output fields. The designer stores the columns in
 * the step's `columns` param ("Get columns" runs the query once); without them it infers them
 * from the step's output in the latest run. Either way `results` then describes its rows, so a
 * for-each over `{{ hunt.results }}` offers `{{ loop.item.DeviceName }}` with the right type.
 */
import { z } from 'zod';
import type { OutputField, OutputFieldType } from './types';

export interface HuntingColumn {
  name: string;
  /** The KQL type as the API reports it: Graph and MDE say `String`, `DateTime`, `Int64`… */
  type: string;
}

/** Column names the token grammar can address as `.Name` (KQL allows others, e.g. `['a b']`). */
const TOKEN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_COLUMNS = 500;

export const ZHuntingColumn = z.object({ name: z.string().min(1).max(200), type: z.string().max(60) });
export const ZHuntingColumns = z.array(ZHuntingColumn).max(MAX_COLUMNS);

// Both spellings: Kusto's own (long, real, bool) and the .NET names the APIs report (Int64, Double).
const KQL_TYPES: Readonly<Record<string, OutputFieldType>> = {
  string: 'string',
  guid: 'string',
  timespan: 'string',
  time: 'string',
  datetime: 'datetime',
  date: 'datetime',
  long: 'number',
  int: 'number',
  int16: 'number',
  int32: 'number',
  int64: 'number',
  uint32: 'number',
  uint64: 'number',
  byte: 'number',
  sbyte: 'number',
  real: 'number',
  double: 'number',
  single: 'number',
  decimal: 'number',
  bool: 'boolean',
  boolean: 'boolean',
  dynamic: 'any',
  object: 'any',
};

/** The token type of a KQL column type; unknown types are `any` (read as-is at run time). */
export function columnFieldType(kqlType: string): OutputFieldType {
  const key = kqlType.trim().toLowerCase().replace(/^system\./, '');
  return Object.hasOwn(KQL_TYPES, key) ? KQL_TYPES[key]! : 'any';
}

/** Whether `{{ x.item.<name> }}` can spell this column. */
export function isTokenColumn(name: string): boolean {
  return TOKEN_KEY.test(name) && !FORBIDDEN.has(name);
}

/** The columns stored in the step's params, if valid. */
export function storedColumns(params: Record<string, unknown>): HuntingColumn[] | undefined {
  const parsed = ZHuntingColumns.safeParse(Object.hasOwn(params, 'columns') ? params.columns : undefined);
  return parsed.success ? parsed.data : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON value's KQL type, for a row whose schema was not recorded. */
function typeOfValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'real';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? 'datetime' : 'string';
  return 'dynamic';
}

const ROWS_SAMPLED = 20;

/**
 * Columns from a step's recorded output: its `schema` (the client records it), else the keys
 * of the first rows with types guessed from their values.
 */
export function columnsFromOutput(output: unknown): HuntingColumn[] | undefined {
  if (!isRecord(output)) return undefined;
  const schema = ZHuntingColumns.safeParse(output.schema);
  if (schema.success && schema.data.length > 0) return schema.data;
  if (!Array.isArray(output.results)) return undefined;
  const columns = new Map<string, string>();
  for (const row of output.results.slice(0, ROWS_SAMPLED)) {
    if (!isRecord(row)) continue;
    for (const [name, value] of Object.entries(row)) {
      const known = columns.get(name);
      // A null says nothing about the type; keep looking at later rows.
      if (known === undefined || (known === 'dynamic' && value !== null)) columns.set(name, value === null ? 'dynamic' : typeOfValue(value));
    }
  }
  return columns.size === 0 ? undefined : [...columns].slice(0, MAX_COLUMNS).map(([name, type]) => ({ name, type }));
}

/** Stored columns win; else those of the latest run. */
export function huntingColumns(params: Record<string, unknown>, sample?: unknown): { columns: HuntingColumn[]; source: 'stored' | 'lastRun' } | undefined {
  const stored = storedColumns(params);
  if (stored !== undefined && stored.length > 0) return { columns: stored, source: 'stored' };
  const inferred = columnsFromOutput(sample);
  return inferred === undefined ? undefined : { columns: inferred, source: 'lastRun' };
}

/** One row's fields, with paths relative to the row. */
export function columnFields(columns: readonly HuntingColumn[]): OutputField[] {
  return columns.filter((c) => isTokenColumn(c.name)).map((c) => ({ path: c.name, label: c.name, type: columnFieldType(c.type) }));
}

/**
 * The hunting step's fields: `results` describing its rows, then the first row's columns
 * (`results[0].DeviceName`, for a query that returns one row), then the rest.
 */
export function huntingOutputFields(base: readonly OutputField[], params: Record<string, unknown>, sample?: unknown): OutputField[] {
  const known = huntingColumns(params, sample);
  if (known === undefined) return [...base];
  const row = columnFields(known.columns);
  const out: OutputField[] = [];
  for (const field of base) {
    if (field.path !== 'results') {
      out.push(field);
      continue;
    }
    out.push({ ...field, items: row });
    for (const col of row) out.push({ path: `results[0].${col.path}`, label: `First row: ${col.label}`, type: col.type });
  }
  return out;
}
