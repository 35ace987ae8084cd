// Runs a parsed KQL query over the hunting tables. Column names are checked against the
// table's schema at each step, as Kusto does, so a typo is a 400, not an empty result.
import { KqlParseError, parseKql, type Expr, type Literal, type Operator } from './kql';
import type { Cell, Column, HuntingTable, Row } from './tables';

export interface QueryResult {
  schema: Column[];
  results: Row[];
}

/** Hunting returns at most 100,000 rows (B.8). */
export const MAX_ROWS = 100_000;

interface Frame {
  columns: Column[];
  rows: Row[];
}

function column(frame: Frame, name: string, operator: string): Column {
  const found = frame.columns.find((c) => c.name === name);
  if (!found) throw new KqlParseError(`'${operator}' operator: Failed to resolve scalar expression named '${name}'`);
  return found;
}

function literalValue(lit: Literal, col: Column, nowMs: number): number | string | boolean {
  if (col.type === 'DateTime') {
    if (lit.kind === 'datetime') return Date.parse(lit.iso);
    if (lit.kind === 'ago') return nowMs - lit.ms;
    if (lit.kind === 'string' && !Number.isNaN(Date.parse(lit.value))) return Date.parse(lit.value);
    throw new KqlParseError(`column '${col.name}' is a datetime: compare it with datetime(...) or ago(...)`);
  }
  if (col.type === 'Int64' || col.type === 'Int32') {
    if (lit.kind !== 'number') throw new KqlParseError(`column '${col.name}' is a number: compare it with a number`);
    return lit.value;
  }
  if (col.type === 'Boolean') {
    if (lit.kind !== 'bool') throw new KqlParseError(`column '${col.name}' is a bool: compare it with true or false`);
    return lit.value;
  }
  if (lit.kind !== 'string') throw new KqlParseError(`column '${col.name}' is a string: compare it with a quoted string`);
  return lit.value;
}

function cellValue(cell: Cell, col: Column): number | string | boolean | null {
  if (cell === null) return null;
  if (col.type === 'DateTime') return Date.parse(String(cell));
  return cell;
}

function predicate(expr: Expr, frame: Frame, nowMs: number): (row: Row) => boolean {
  if (expr.kind !== 'compare') {
    const left = predicate(expr.left, frame, nowMs);
    const right = predicate(expr.right, frame, nowMs);
    return expr.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  const col = column(frame, expr.column, 'where');
  const want = literalValue(expr.value, col, nowMs);
  const ordered = ['>', '<', '>=', '<='].includes(expr.op);
  if (ordered && typeof want !== 'number') throw new KqlParseError(`'${expr.op}' needs a number or datetime column, '${col.name}' is ${col.type}`);
  const textual = ['=~', '!~', 'contains', '!contains', 'startswith'].includes(expr.op);
  if (textual && typeof want !== 'string') throw new KqlParseError(`'${expr.op}' needs a string column, '${col.name}' is ${col.type}`);
  return (row) => {
    const have = cellValue(row[col.name] ?? null, col);
    switch (expr.op) {
      case '==': return have === want;
      case '!=': return have !== want;
      default: break;
    }
    if (have === null) return expr.op === '!~' || expr.op === '!contains';
    if (ordered) {
      const a = have as number;
      const b = want as number;
      return expr.op === '>' ? a > b : expr.op === '<' ? a < b : expr.op === '>=' ? a >= b : a <= b;
    }
    // KQL's text operators ignore case.
    const a = String(have).toLowerCase();
    const b = String(want).toLowerCase();
    switch (expr.op) {
      case '=~': return a === b;
      case '!~': return a !== b;
      case 'contains': return a.includes(b);
      case '!contains': return !a.includes(b);
      default: return a.startsWith(b);
    }
  };
}

function compareCells(a: Cell, b: Cell, col: Column): number {
  const x = cellValue(a, col);
  const y = cellValue(b, col);
  // Nulls sort last, as in Kusto's default "nulls last" for desc.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

function apply(frame: Frame, op: Operator, nowMs: number): Frame {
  switch (op.kind) {
    case 'where':
      return { columns: frame.columns, rows: frame.rows.filter(predicate(op.expr, frame, nowMs)) };
    case 'project': {
      const columns = op.columns.map((name) => column(frame, name, 'project'));
      return { columns, rows: frame.rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null]))) };
    }
    case 'take':
      return { columns: frame.columns, rows: frame.rows.slice(0, op.count) };
    case 'count':
      return { columns: [{ name: 'Count', type: 'Int64' }], rows: [{ Count: frame.rows.length }] };
    case 'summarizeCount': {
      const by = op.by.map((name) => column(frame, name, 'summarize'));
      const groups = new Map<string, { key: Row; count: number }>();
      for (const row of frame.rows) {
        const key = Object.fromEntries(by.map((c) => [c.name, row[c.name] ?? null]));
        const id = JSON.stringify(by.map((c) => key[c.name]));
        const group = groups.get(id) ?? { key, count: 0 };
        group.count += 1;
        groups.set(id, group);
      }
      const rows = [...groups.values()].map((g) => ({ ...g.key, [op.alias]: g.count }));
      // count() of nothing is one row with 0, unless grouped.
      if (by.length === 0 && rows.length === 0) rows.push({ [op.alias]: 0 });
      return { columns: [...by, { name: op.alias, type: 'Int64' }], rows };
    }
    case 'order': {
      const keys = op.keys.map((k) => ({ col: column(frame, k.column, 'order'), desc: k.desc }));
      const rows = [...frame.rows].sort((a, b) => {
        for (const { col, desc } of keys) {
          const c = compareCells(a[col.name] ?? null, b[col.name] ?? null, col);
          if (c !== 0) return desc ? -c : c;
        }
        return 0;
      });
      return { columns: frame.columns, rows };
    }
  }
}

/** Parses and runs `text`; throws KqlParseError for anything outside the subset or the schema. */
export function runHuntingQuery(text: string, tables: Record<string, HuntingTable>, nowMs: number): QueryResult {
  const query = parseKql(text);
  if (!Object.hasOwn(tables, query.table)) {
    throw new KqlParseError(`Failed to resolve table expression named '${query.table}'. Tables: ${Object.keys(tables).join(', ')}`);
  }
  const table = tables[query.table];
  let frame: Frame = { columns: table.columns, rows: table.rows };
  for (const op of query.operators) frame = apply(frame, op, nowMs);
  return { schema: frame.columns, results: frame.rows.slice(0, MAX_ROWS) };
}
