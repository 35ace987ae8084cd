import { describe, expect, it } from 'vitest';
import { KqlParseError, parseKql, type Expr } from './kql';

const parseError = (text: string): string => {
  try {
    parseKql(text);
  } catch (error) {
    expect(error).toBeInstanceOf(KqlParseError);
    return (error as Error).message;
  }
  throw new Error(`expected '${text}' to be refused`);
};

describe('KQL subset parser', () => {
  it('parses a bare table', () => {
    expect(parseKql('DeviceInfo')).toEqual({ table: 'DeviceInfo', operators: [] });
  });

  it('parses where with and/or, strings in either quote and escapes', () => {
    const q = parseKql(`AlertInfo | where Severity == "High" and Title contains 'mimi\\'katz' or Category != "Malware"`);
    expect(q.operators).toEqual([
      {
        kind: 'where',
        expr: {
          kind: 'or',
          left: {
            kind: 'and',
            left: { kind: 'compare', column: 'Severity', op: '==', value: { kind: 'string', value: 'High' } },
            right: { kind: 'compare', column: 'Title', op: 'contains', value: { kind: 'string', value: "mimi'katz" } },
          },
          right: { kind: 'compare', column: 'Category', op: '!=', value: { kind: 'string', value: 'Malware' } },
        },
      },
    ]);
  });

  it('binds and tighter than or, and honours parentheses', () => {
    const q = parseKql('T | where (A == 1 or B == 2) and C == 3');
    expect(q.operators[0]).toMatchObject({ expr: { kind: 'and', left: { kind: 'or' }, right: { column: 'C' } } });
  });

  it('parses numbers, booleans, datetime(...) and ago(...)', () => {
    const q = parseKql('T | where OSBuild > 19000 and IsAzureADJoined == true and Timestamp >= datetime(2026-01-02) and Timestamp < ago(7d) and Timestamp <= datetime("2026-01-03T10:00:00Z")');
    const values: unknown[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'compare') values.push(e.value);
      else { walk(e.left); walk(e.right); }
    };
    const [where] = q.operators;
    if (where.kind !== 'where') throw new Error('expected where');
    walk(where.expr);
    expect(values).toEqual([
      { kind: 'number', value: 19000 },
      { kind: 'bool', value: true },
      { kind: 'datetime', iso: '2026-01-02T00:00:00.000Z' },
      { kind: 'ago', ms: 7 * 86_400_000 },
      { kind: 'datetime', iso: '2026-01-03T10:00:00.000Z' },
    ]);
  });

  it('parses project, take, limit, count, summarize and order by', () => {
    const q = parseKql(`DeviceProcessEvents
      // comments are ignored
      | where FileName =~ "powershell.exe"
      | summarize Runs = count() by DeviceName, AccountName
      | order by Runs desc, DeviceName asc
      | project DeviceName, Runs
      | take 5
      | limit 3
      | count`);
    expect(q.operators.map((o) => o.kind)).toEqual(['where', 'summarizeCount', 'order', 'project', 'take', 'take', 'count']);
    expect(q.operators[1]).toEqual({ kind: 'summarizeCount', alias: 'Runs', by: ['DeviceName', 'AccountName'] });
    expect(q.operators[2]).toEqual({ kind: 'order', keys: [{ column: 'Runs', desc: true }, { column: 'DeviceName', desc: false }] });
    expect(q.operators[4]).toEqual({ kind: 'take', count: 5 });
  });

  it('defaults summarize to count_ and sort to descending', () => {
    expect(parseKql('T | summarize count()').operators[0]).toEqual({ kind: 'summarizeCount', alias: 'count_', by: [] });
    expect(parseKql('T | sort by Timestamp').operators[0]).toEqual({ kind: 'order', keys: [{ column: 'Timestamp', desc: true }] });
  });

  it('refuses what is outside the subset with a message that says where', () => {
    expect(parseError('')).toBe('the query is empty');
    expect(parseError('DeviceInfo | extend X = 1')).toBe("unsupported query operator 'extend' at position 14");
    expect(parseError('DeviceInfo | where')).toBe('expected a column name but found the end of the query');
    expect(parseError('DeviceInfo | where A = "x"')).toContain("expected a comparison (==, !=, =~, contains, >, <, ...) but found '='");
    expect(parseError('DeviceInfo | where A == "x')).toBe('unterminated string literal at position 25');
    expect(parseError('DeviceInfo | take -1')).toContain("unexpected character '-'");
    expect(parseError('DeviceInfo | take 1.5')).toContain("expected a row count but found '1.5'");
    expect(parseError('DeviceInfo | summarize dcount(DeviceId)')).toContain("expected 'count()'");
    expect(parseError('DeviceInfo | where Timestamp > datetime(yesterday)')).toBe("'yesterday' is not a valid datetime");
    expect(parseError('DeviceInfo | where Timestamp > ago(7 days)')).toContain('expected a timespan');
    expect(parseError('DeviceInfo DeviceInfo')).toContain("expected '|' but found 'DeviceInfo'");
    expect(parseError('DeviceInfo | where A == "x"; drop table DeviceInfo')).toContain("unexpected character ';'");
  });

  it('refuses very long queries before tokenizing them', () => {
    expect(parseError(`T | where A == "${'x'.repeat(10_001)}"`)).toContain('longer than 10000');
  });
});
