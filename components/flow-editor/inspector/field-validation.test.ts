import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from '@/core/catalog/index';
import type { FlowIssue } from '@/core/flow/issues';
import { issuesAt, issuesUnder, listToRecipients, recipientsToList, validateLiteral } from './field-validation';
import { fieldsFor } from './param-fields';

const email = Object.fromEntries(fieldsFor(NODE_CATALOG['email.send']).map((f) => [f.key, f]));

describe('validateLiteral', () => {
  it('requires required fields only', () => {
    expect(validateLiteral(email.subject, '  ')).toBe('Required');
    expect(validateLiteral(email.cc, '')).toBeUndefined();
  });

  it('checks each literal email and leaves token recipients to run time', () => {
    expect(validateLiteral(email.to, 'soc@contoso.example; {{ get_alert.assignedTo }}')).toBeUndefined();
    expect(validateLiteral(email.to, 'soc@contoso.example; not-an-email')).toBe('"not-an-email" is not a valid email address');
    expect(validateLiteral(email.to, ['x', 'y'])).toBe('Not valid email addresses: x, y');
  });

  it('checks enum values and connection ids, but not tokens', () => {
    expect(validateLiteral(email.importance, 'urgent')).toBe('Choose one of: low, normal, high');
    expect(validateLiteral(email.importance, 'high')).toBeUndefined();
    expect(validateLiteral(email.connectionId, 'nope')).toBe('Choose an SMTP connection');
    expect(validateLiteral(email.subject, '{{ get_alert.title }}')).toBeUndefined();
  });
});

describe('recipients shape', () => {
  it('reads text or lists, and keeps the shape the flow used', () => {
    expect(recipientsToList('a@x.com; b@y.com,c@z.com ;')).toEqual(['a@x.com', 'b@y.com', 'c@z.com']);
    expect(recipientsToList(['a@x.com', ' '])).toEqual(['a@x.com']);
    expect(recipientsToList(undefined)).toEqual([]);
    expect(listToRecipients(['a@x.com', 'b@y.com'], 'a@x.com')).toBe('a@x.com; b@y.com');
    expect(listToRecipients(['a@x.com'], ['old@x.com'])).toEqual(['a@x.com']);
  });
});

describe('issues for a field', () => {
  const issues: FlowIssue[] = [
    { severity: 'error', code: 'MissingParam', message: 'needs To', nodeId: 'n', path: ['to'] },
    { severity: 'error', code: 'InvalidParam', message: 'bad', nodeId: 'n', path: ['params', 'to', 1] },
    { severity: 'error', code: 'X', message: 'rule', nodeId: 'n', path: ['rules', 0, 'right'] },
    { severity: 'warning', code: 'Unreachable', message: 'other node', nodeId: 'm', path: ['to'] },
    { severity: 'warning', code: 'Unreachable', message: 'no path', nodeId: 'n' },
  ];

  it('matches checker paths with or without a leading "params"', () => {
    expect(issuesUnder(issues, 'n', ['to']).map((i) => i.message)).toEqual(['needs To', 'bad']);
    expect(issuesAt(issues, 'n', ['to']).map((i) => i.message)).toEqual(['needs To']);
    expect(issuesUnder(issues, 'n', ['rules', 0]).map((i) => i.message)).toEqual(['rule']);
  });
});
