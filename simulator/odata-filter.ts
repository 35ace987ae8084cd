// A deliberately small OData $filter interpreter: the subset MDE documents for
// alerts and machine actions (comparisons joined by `and`, plus `in`). Anything
// else is rejected with ODataError, as MDE rejects unsupported queries.

export type FieldKind = 'date' | 'string' | 'number';
export type FieldSchema = Record<string, FieldKind>;
type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in';
type Literal = string | number | null;

interface Clause {
  field: string;
  op: Op;
  values: Literal[];
}

export class ODataFilterError extends Error {}

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')' || ch === ',') { tokens.push({ kind: 'punct', text: ch }); i++; continue; }
    if (ch === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new ODataFilterError('Unterminated string literal in $filter.');
        if (input[i] === "'") {
          if (input[i + 1] === "'") { text += "'"; i += 2; continue; }
          i++;
          break;
        }
        text += input[i++];
      }
      tokens.push({ kind: 'string', text });
      continue;
    }
    const match = /^[A-Za-z0-9_.:+\-]+/.exec(input.slice(i));
    if (!match) throw new ODataFilterError(`Syntax error at position ${i} in $filter.`);
    tokens.push({ kind: 'word', text: match[0] });
    i += match[0].length;
  }
  return tokens;
}

function toLiteral(token: Token | undefined): Literal {
  if (!token || token.kind === 'punct') throw new ODataFilterError('Expected a value in $filter.');
  if (token.kind === 'string') return token.text;
  if (token.text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  // Unquoted date-times are how MDE examples write them: lastUpdateTime ge 2019-11-22T00:00:00Z.
  return token.text;
}

export function parseFilter(input: string, schema: FieldSchema): Clause[] {
  const tokens = tokenize(input);
  const fields = new Map(Object.keys(schema).map((name) => [name.toLowerCase(), name]));
  const clauses: Clause[] = [];
  let i = 0;
  for (;;) {
    const fieldToken = tokens[i++];
    if (!fieldToken || fieldToken.kind !== 'word') throw new ODataFilterError('Expected a property name in $filter.');
    const field = fields.get(fieldToken.text.toLowerCase());
    if (!field) throw new ODataFilterError(`Property '${fieldToken.text}' is not supported in $filter.`);
    const opToken = tokens[i++];
    const op = opToken?.text.toLowerCase();
    if (op === 'in') {
      if (tokens[i++]?.text !== '(') throw new ODataFilterError("Expected '(' after 'in'.");
      const values: Literal[] = [];
      for (;;) {
        values.push(toLiteral(tokens[i++]));
        const sep = tokens[i++]?.text;
        if (sep === ')') break;
        if (sep !== ',') throw new ODataFilterError("Expected ',' or ')' in 'in' list.");
      }
      clauses.push({ field, op: 'in', values });
    } else if (op === 'eq' || op === 'ne' || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
      clauses.push({ field, op, values: [toLiteral(tokens[i++])] });
    } else {
      throw new ODataFilterError(`Unsupported operator '${opToken?.text ?? ''}' in $filter.`);
    }
    validateClause(clauses[clauses.length - 1], schema[field]);
    if (i >= tokens.length) return clauses;
    if (tokens[i++].text.toLowerCase() !== 'and') throw new ODataFilterError("Only 'and' may join conditions in $filter.");
  }
}

function validateClause(clause: Clause, kind: FieldKind): void {
  for (const value of clause.values) {
    if (value === null) continue;
    if (kind === 'date' && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      throw new ODataFilterError(`'${String(value)}' is not a valid DateTimeOffset for ${clause.field}.`);
    }
    if (kind === 'number' && typeof value !== 'number') {
      throw new ODataFilterError(`'${String(value)}' is not a number for ${clause.field}.`);
    }
  }
}

function compare(actual: unknown, expected: Literal, kind: FieldKind): number | null {
  if (actual === null || actual === undefined || expected === null) return null;
  if (kind === 'date') return Date.parse(String(actual)) - Date.parse(String(expected));
  if (kind === 'number') return Number(actual) - Number(expected);
  // MDE treats enum values case-insensitively; the simulator does the same for all strings.
  return String(actual).toLowerCase().localeCompare(String(expected).toLowerCase());
}

function matchesClause(record: Record<string, unknown>, clause: Clause, kind: FieldKind): boolean {
  const actual = record[clause.field];
  const results = clause.values.map((value) => {
    if (value === null) return { eq: actual === null || actual === undefined, diff: null };
    const diff = compare(actual, value, kind);
    return { eq: diff === 0, diff };
  });
  const [first] = results;
  switch (clause.op) {
    case 'in': return results.some((r) => r.eq);
    case 'eq': return first.eq;
    case 'ne': return !first.eq;
    case 'gt': return first.diff !== null && first.diff > 0;
    case 'ge': return first.diff !== null && first.diff >= 0;
    case 'lt': return first.diff !== null && first.diff < 0;
    case 'le': return first.diff !== null && first.diff <= 0;
  }
}

export function applyFilter<T extends object>(records: T[], clauses: Clause[], schema: FieldSchema): T[] {
  return records.filter((record) =>
    clauses.every((clause) => matchesClause(record as Record<string, unknown>, clause, schema[clause.field])),
  );
}
