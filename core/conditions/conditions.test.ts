import { describe, it, expect } from 'vitest';
import { resolveValue } from '../tokens/resolve';
import { evaluateCondition } from './evaluate';
import { OPERATORS } from './operators';
import { OPERATOR_IDS, ZConditionGroup, type OperatorId, type TConditionGroup } from './schema';

const identity = (v: unknown) => v;

function check(left: unknown, operator: OperatorId, right?: unknown, ignoreCase?: boolean): boolean {
  const group: TConditionGroup = { combinator: 'and', rules: [{ left, operator, right, ignoreCase }] };
  return evaluateCondition(group, identity).result;
}

describe('operators', () => {
  it('registers every operator id', () => {
    expect(Object.keys(OPERATORS).sort()).toEqual([...OPERATOR_IDS].sort());
  });

  it('equals / notEquals with numeric, date and text coercion', () => {
    expect(check('High', 'equals', 'High')).toBe(true);
    expect(check('High', 'equals', 'high')).toBe(false);
    expect(check('High', 'equals', 'high', true)).toBe(true);
    expect(check('5', 'equals', 5)).toBe(true);
    expect(check('5.0', 'equals', '5')).toBe(true);
    expect(check('2026-01-01T00:00:00Z', 'equals', '2026-01-01T01:00:00+01:00')).toBe(true);
    expect(check(true, 'equals', 'true')).toBe(true);
    expect(check(undefined, 'equals', '')).toBe(true);
    expect(check('High', 'notEquals', 'Low')).toBe(true);
    expect(check('High', 'notEquals', 'HIGH', true)).toBe(false);
  });

  it('greater / less compare numerically when both sides are numbers', () => {
    expect(check('10', 'greater', '9')).toBe(true); // as text "10" < "9"
    expect(check(10, 'greaterOrEquals', 10)).toBe(true);
    expect(check(3, 'less', '3.5')).toBe(true);
    expect(check(4, 'lessOrEquals', 3)).toBe(false);
  });

  it('greater / less compare ISO dates as instants', () => {
    expect(check('2026-01-02T00:00:00Z', 'greater', '2026-01-01T23:59:59Z')).toBe(true);
    expect(check('2026-01-01T10:00:00+02:00', 'less', '2026-01-01T09:00:00Z')).toBe(true);
    expect(check('2026-01-01', 'lessOrEquals', '2026-01-01')).toBe(true);
  });

  it('greater / less fall back to text, and are false for missing operands', () => {
    expect(check('b', 'greater', 'a')).toBe(true);
    expect(check('B', 'greater', 'a', true)).toBe(true);
    expect(check(undefined, 'greater', 1)).toBe(false);
    expect(check(undefined, 'less', 1)).toBe(false);
    expect(check(null, 'lessOrEquals', 1)).toBe(false);
  });

  it('contains / notContains work on text and arrays', () => {
    expect(check('Suspicious PowerShell', 'contains', 'Power')).toBe(true);
    expect(check('Suspicious PowerShell', 'contains', 'power')).toBe(false);
    expect(check('Suspicious PowerShell', 'contains', 'power', true)).toBe(true);
    expect(check(['T1059', 'T1064'], 'contains', 'T1064')).toBe(true);
    expect(check(['T1059'], 'contains', 'T10')).toBe(false); // array: element equality
    expect(check([1, 2], 'contains', '2')).toBe(true);
    expect(check(undefined, 'contains', 'x')).toBe(false);
    expect(check(undefined, 'notContains', 'x')).toBe(true);
    expect(check('abc', 'notContains', 'd')).toBe(true);
  });

  it('startsWith / endsWith and their negations', () => {
    expect(check('desktop-01.contoso', 'startsWith', 'desktop')).toBe(true);
    expect(check('DESKTOP-01', 'startsWith', 'desktop', true)).toBe(true);
    expect(check('desktop-01', 'notStartsWith', 'server')).toBe(true);
    expect(check('desktop-01.contoso', 'endsWith', '.contoso')).toBe(true);
    expect(check('x.CONTOSO', 'notEndsWith', '.contoso', true)).toBe(false);
    expect(check(null, 'startsWith', '')).toBe(false);
    expect(check(null, 'endsWith', '')).toBe(false);
  });

  it('isEmpty / isNotEmpty', () => {
    for (const empty of [undefined, null, '', '   ', [], {}]) expect(check(empty, 'isEmpty')).toBe(true);
    for (const full of [0, false, 'x', [0], { a: 1 }]) {
      expect(check(full, 'isEmpty')).toBe(false);
      expect(check(full, 'isNotEmpty')).toBe(true);
    }
  });

  it('in accepts an array or a comma-separated list', () => {
    expect(check('High', 'in', ['Medium', 'High'])).toBe(true);
    expect(check('High', 'in', 'Medium, High')).toBe(true);
    expect(check('high', 'in', 'Medium,High')).toBe(false);
    expect(check('high', 'in', 'Medium,High', true)).toBe(true);
    expect(check(3, 'in', '1, 2, 3')).toBe(true);
    expect(check('Low', 'in', '')).toBe(false);
  });
});

describe('evaluateCondition', () => {
  const alert = { severity: 'High', title: 'Ransomware detected', mitreTechniques: ['T1486'] };
  const resolve = (v: unknown) => resolveValue(v, { trigger: alert }).value;

  it('resolves tokens in operands and records a trace', () => {
    const out = evaluateCondition(
      { combinator: 'and', rules: [{ left: '{{ trigger.severity }}', operator: 'equals', right: 'High' }] },
      resolve,
    );
    expect(out).toEqual({
      result: true,
      trace: {
        kind: 'group',
        combinator: 'and',
        result: true,
        rules: [{ kind: 'rule', left: 'High', operator: 'equals', right: 'High', ignoreCase: false, result: true }],
      },
    });
  });

  it('nests groups: and / or', () => {
    const group: TConditionGroup = {
      combinator: 'and',
      rules: [
        { left: '{{ trigger.title }}', operator: 'contains', right: 'ransomware', ignoreCase: true },
        {
          combinator: 'or',
          rules: [
            { left: '{{ trigger.severity }}', operator: 'equals', right: 'Low' },
            { left: '{{ trigger.mitreTechniques }}', operator: 'contains', right: 'T1486' },
          ],
        },
      ],
    };
    const out = evaluateCondition(group, resolve);
    expect(out.result).toBe(true);
    const inner = out.trace.kind === 'group' ? out.trace.rules[1] : undefined;
    expect(inner).toMatchObject({ kind: 'group', combinator: 'or', result: true, rules: [{ result: false }, { result: true }] });
    expect(evaluateCondition({ ...group, combinator: 'or', rules: [group.rules[1], { left: 1, operator: 'equals', right: 2 }] }, resolve).result).toBe(true);
  });

  it('evaluates every rule (full trace) and handles empty groups', () => {
    const out = evaluateCondition(
      { combinator: 'and', rules: [{ left: 1, operator: 'equals', right: 2 }, { left: 1, operator: 'equals', right: 1 }] },
      identity,
    );
    expect(out.result).toBe(false);
    expect(out.trace.kind === 'group' && out.trace.rules.map((r) => r.result)).toEqual([false, true]);
    expect(evaluateCondition({ combinator: 'and', rules: [] }, identity).result).toBe(true);
    expect(evaluateCondition({ combinator: 'or', rules: [] }, identity).result).toBe(false);
  });

  it('ignores the right operand for unary operators', () => {
    const out = evaluateCondition({ combinator: 'and', rules: [{ left: '', operator: 'isEmpty', right: 'ignored' }] }, identity);
    expect(out.trace).toMatchObject({ rules: [{ right: undefined, result: true }] });
  });
});

describe('ZConditionGroup', () => {
  it('accepts nested groups and rejects unknown operators and combinators', () => {
    expect(
      ZConditionGroup.safeParse({
        combinator: 'or',
        rules: [{ combinator: 'and', rules: [{ left: 'a', operator: 'in', right: ['a'] }] }],
      }).success,
    ).toBe(true);
    expect(ZConditionGroup.safeParse({ combinator: 'and', rules: [{ left: 'a', operator: 'matches', right: 'a' }] }).success).toBe(false);
    expect(ZConditionGroup.safeParse({ combinator: 'xor', rules: [] }).success).toBe(false);
  });
});
