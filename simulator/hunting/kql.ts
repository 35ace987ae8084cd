// A tiny parser for the KQL subset the simulator's hunting engine runs. It only builds a
// syntax tree from tokens; nothing in the query is ever evaluated as code.
//
//   query     := Table ( '|' operator )*
//   operator  := where expr | project Col (, Col)* | take N | limit N | count
//              | summarize [Alias =] count() [by Col (, Col)*] | (order | sort) by Col [asc|desc] (, ...)*
//   expr      := and ( 'or' and )* ;  and := cmp ( 'and' cmp )* ;  cmp := '(' expr ')' | Col op literal
//   op        := == != =~ !~ contains !contains startswith > < >= <=
//   literal   := "text" | 'text' | number | true | false | datetime(...) | ago(N d|h|m|s)

export class KqlParseError extends Error {}

export type CompareOp = '==' | '!=' | '=~' | '!~' | 'contains' | '!contains' | 'startswith' | '>' | '<' | '>=' | '<=';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'datetime'; iso: string }
  | { kind: 'ago'; ms: number };

export type Expr =
  | { kind: 'compare'; column: string; op: CompareOp; value: Literal }
  | { kind: 'and' | 'or'; left: Expr; right: Expr };

export type Operator =
  | { kind: 'where'; expr: Expr }
  | { kind: 'project'; columns: string[] }
  | { kind: 'take'; count: number }
  | { kind: 'count' }
  | { kind: 'summarizeCount'; alias: string; by: string[] }
  | { kind: 'order'; keys: { column: string; desc: boolean }[] };

export interface KqlQuery {
  table: string;
  operators: Operator[];
}

type Token =
  | { kind: 'ident'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'op'; text: string; at: number };

const MAX_QUERY_LENGTH = 10_000;
const OPS = ['==', '!=', '=~', '!~', '>=', '<=', '>', '<', '|', ',', '(', ')', '='];
const DURATION_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const at = i;
    if (ch === '"' || ch === "'") {
      let value = '';
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new KqlParseError(`unterminated string literal at position ${at + 1}`);
      i++;
      tokens.push({ kind: 'string', text: value, at });
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?[a-z]*/i.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], at });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_!]/.test(ch)) {
      const m = /^!?[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (m) {
        tokens.push({ kind: 'ident', text: m[0], at });
        i += m[0].length;
        continue;
      }
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new KqlParseError(`unexpected character '${ch}' at position ${at + 1}`);
    tokens.push({ kind: 'op', text: op, at });
    i += op.length;
    const before = tokens.at(-2);
    if (op === '(' && before?.kind === 'ident' && before.text.toLowerCase() === 'datetime') {
      // datetime(2024-01-01T10:00:00Z) is unquoted in KQL: its argument is raw text up to ')'.
      const end = text.indexOf(')', i);
      if (end < 0) throw new KqlParseError(`unterminated datetime(...) at position ${at + 1}`);
      const raw = text.slice(i, end).trim().replace(/^(["'])(.*)\1$/, '$2');
      tokens.push({ kind: 'string', text: raw, at: i });
      i = end;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private describe(token: Token | undefined): string {
    return token ? `'${token.text}' at position ${token.at + 1}` : 'the end of the query';
  }

  private fail(expected: string): never {
    throw new KqlParseError(`expected ${expected} but found ${this.describe(this.peek())}`);
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.text === text;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'ident' && t.text.toLowerCase() === word;
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) this.fail(`'${text}'`);
    this.pos++;
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) this.fail(`'${word}'`);
    this.pos++;
  }

  private ident(what: string): string {
    const t = this.peek();
    if (t?.kind !== 'ident' || t.text.startsWith('!')) this.fail(what);
    this.pos++;
    return t.text;
  }

  private columnList(): string[] {
    const columns = [this.ident('a column name')];
    while (this.isOp(',')) {
      this.pos++;
      columns.push(this.ident('a column name'));
    }
    return columns;
  }

  private positiveInt(): number {
    const t = this.peek();
    if (t?.kind !== 'number' || !/^[0-9]+$/.test(t.text)) this.fail('a row count');
    this.pos++;
    return Number(t.text);
  }

  parse(): KqlQuery {
    const table = this.ident('a table name');
    const operators: Operator[] = [];
    while (this.peek()) {
      this.expectOp('|');
      operators.push(this.operator());
    }
    return { table, operators };
  }

  private operator(): Operator {
    const name = this.ident('a query operator').toLowerCase();
    switch (name) {
      case 'where':
        return { kind: 'where', expr: this.or() };
      case 'project':
        return { kind: 'project', columns: this.columnList() };
      case 'take':
      case 'limit':
        return { kind: 'take', count: this.positiveInt() };
      case 'count':
        return { kind: 'count' };
      case 'summarize':
        return this.summarize();
      case 'order':
      case 'sort':
        return this.order();
      default:
        this.pos--;
        throw new KqlParseError(`unsupported query operator ${this.describe(this.peek())}`);
    }
  }

  private summarize(): Operator {
    let alias = 'count_';
    const next = this.tokens[this.pos + 1];
    if (this.peek()?.kind === 'ident' && next?.kind === 'op' && next.text === '=') {
      alias = this.ident('a column name');
      this.pos++;
    }
    if (!this.isWord('count')) this.fail("'count()' (the only aggregation supported)");
    this.pos++;
    this.expectOp('(');
    this.expectOp(')');
    if (!this.isWord('by')) return { kind: 'summarizeCount', alias, by: [] };
    this.pos++;
    return { kind: 'summarizeCount', alias, by: this.columnList() };
  }

  private order(): Operator {
    this.expectWord('by');
    const keys: { column: string; desc: boolean }[] = [];
    do {
      if (keys.length > 0) this.pos++;
      const column = this.ident('a column name');
      // KQL sorts descending unless told otherwise.
      let desc = true;
      if (this.isWord('asc') || this.isWord('desc')) {
        desc = this.isWord('desc');
        this.pos++;
      }
      keys.push({ column, desc });
    } while (this.isOp(','));
    return { kind: 'order', keys };
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.compare();
    while (this.isWord('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.compare() };
    }
    return left;
  }

  private compare(): Expr {
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.or();
      this.expectOp(')');
      return inner;
    }
    const column = this.ident('a column name');
    const t = this.peek();
    const words = ['contains', '!contains', 'startswith'];
    const symbols = ['==', '!=', '=~', '!~', '>', '<', '>=', '<='];
    let op: CompareOp;
    if (t?.kind === 'ident' && words.includes(t.text.toLowerCase())) op = t.text.toLowerCase() as CompareOp;
    else if (t?.kind === 'op' && symbols.includes(t.text)) op = t.text as CompareOp;
    else this.fail('a comparison (==, !=, =~, contains, >, <, ...)');
    this.pos++;
    return { kind: 'compare', column, op, value: this.literal() };
  }

  private literal(): Literal {
    const t = this.peek();
    if (!t) this.fail('a value');
    if (t.kind === 'string') {
      this.pos++;
      return { kind: 'string', value: t.text };
    }
    if (t.kind === 'number') {
      if (!/^[0-9]+(\.[0-9]+)?$/.test(t.text)) this.fail('a number');
      this.pos++;
      return { kind: 'number', value: Number(t.text) };
    }
    if (t.kind === 'ident') {
      const word = t.text.toLowerCase();
      if (word === 'true' || word === 'false') {
        this.pos++;
        return { kind: 'bool', value: word === 'true' };
      }
      if (word === 'datetime') return this.datetime();
      if (word === 'ago') return this.ago();
    }
    return this.fail('a value (a quoted string, a number, datetime(...) or ago(...))');
  }

  private datetime(): Literal {
    this.pos++;
    this.expectOp('(');
    // The tokenizer hands the raw argument over as one string token.
    const arg = this.peek();
    if (arg?.kind !== 'string') this.fail('a datetime');
    const raw = arg.text;
    this.pos++;
    this.expectOp(')');
    const normalised = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
    const ms = Date.parse(normalised);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) throw new KqlParseError(`'${raw}' is not a valid datetime`);
    return { kind: 'datetime', iso: new Date(ms).toISOString() };
  }

  private ago(): Literal {
    this.pos++;
    this.expectOp('(');
    const t = this.peek();
    const m = t?.kind === 'number' ? /^([0-9]+)([dhms])$/.exec(t.text) : null;
    if (!m) this.fail('a timespan such as 7d, 12h, 30m or 10s');
    this.pos++;
    this.expectOp(')');
    return { kind: 'ago', ms: Number(m[1]) * DURATION_MS[m[2]] };
  }
}

export function parseKql(text: string): KqlQuery {
  if (text.length > MAX_QUERY_LENGTH) throw new KqlParseError(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new KqlParseError('the query is empty');
  return new Parser(tokens).parse();
}
