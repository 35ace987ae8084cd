import { describe, expect, it } from 'vitest';
import { addItem, asGroup, issuePathOf, removeItem, ruleNumber, setCombinator, updateRule } from './condition-model';

const base = asGroup({
  combinator: 'and',
  rules: [
    { left: '{{ get_alert.severity }}', operator: 'equals', right: 'High' },
    { combinator: 'or', rules: [{ left: 'a', operator: 'contains', right: 'b' }] },
  ],
});

describe('condition model', () => {
  it('reads half-built drafts leniently', () => {
    expect(asGroup(undefined)).toEqual({ combinator: 'and', rules: [] });
    expect(asGroup({ combinator: 'xor', rules: [null, { left: 1 }] })).toEqual({
      combinator: 'and',
      rules: [
        { left: '', operator: 'equals', right: '' },
        { left: 1, operator: 'equals' },
      ],
    });
  });

  it('updates a rule at any depth without touching the original', () => {
    const next = updateRule(base, [1, 0], { operator: 'startsWith', ignoreCase: true });
    expect(next.rules[1]).toEqual({ combinator: 'or', rules: [{ left: 'a', operator: 'startsWith', right: 'b', ignoreCase: true }] });
    expect(base.rules[1]).toEqual({ combinator: 'or', rules: [{ left: 'a', operator: 'contains', right: 'b' }] });
  });

  it('adds rows and groups (a new row is "is equal to"; a new group holds one row)', () => {
    const withRow = addItem(base, [], 'rule');
    expect(withRow.rules[2]).toEqual({ left: '', operator: 'equals', right: '' });
    const withGroup = addItem(base, [1], 'group');
    expect(withGroup.rules[1]).toMatchObject({ rules: [{ left: 'a' }, { combinator: 'and', rules: [{ operator: 'equals' }] }] });
  });

  it('removes rows and groups, and toggles a combinator', () => {
    expect(removeItem(base, [0]).rules).toHaveLength(1);
    expect(removeItem(base, [1, 0]).rules[1]).toEqual({ combinator: 'or', rules: [] });
    expect(removeItem(base, [])).toBe(base);
    expect(setCombinator(base, [], 'or').combinator).toBe('or');
    expect(setCombinator(base, [1], 'and').rules[1]).toMatchObject({ combinator: 'and' });
  });

  it('numbers rules for people and maps them to checker issue paths', () => {
    expect(ruleNumber([1, 0])).toBe('2.1');
    expect(issuePathOf([1, 0])).toEqual(['rules', 1, 'rules', 0]);
  });
});
