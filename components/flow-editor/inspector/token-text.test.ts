import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { autocompleteAt, completeToken, replaceRange, textParts, tokenContext, tokenProblems } from './token-text';

describe('textParts', () => {
  const seed = buildSeedFlow();
  const ctx = tokenContext(seed, 'notify_soc');

  it('splits text and tokens and labels chips "node label › field label"', () => {
    expect(textParts('Severity: {{ get_alert.severity }}!', ctx)).toEqual([
      { kind: 'text', text: 'Severity: ' },
      { kind: 'token', raw: '{{ get_alert.severity }}', label: 'Get alert › Severity', state: 'ok' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('falls back to the raw path for undeclared fields and to the node label for a bare node', () => {
    const parts = textParts('{{ get_alert.evidence[0].sha1 }}{{ trigger }}', ctx);
    expect(parts.map((p) => (p.kind === 'token' ? p.label : p.text))).toEqual([
      'Get alert › evidence[0].sha1',
      'When a new alert is created',
    ]);
  });

  it('marks tokens that are not upstream, point at no step, or do not parse', () => {
    const early = tokenContext(seed, 'get_alert');
    const [notUpstream] = textParts('{{ isolate.status }}', early);
    expect(notUpstream).toMatchObject({ state: 'notUpstream', label: 'Isolate machine › Action status' });
    const [unknown] = textParts('{{ nope.x }}', ctx);
    expect(unknown).toMatchObject({ state: 'unknownNode', label: 'nope › x' });
    const [invalid] = textParts('{{ get_alert.__proto__ }}', ctx);
    expect(invalid).toMatchObject({ state: 'invalid', label: '{{ get_alert.__proto__ }}' });
    expect(tokenProblems(textParts('{{ isolate.status }} {{ isolate.status }}', early))).toEqual([
      'Isolate machine › Action status: "Isolate machine" does not run before this step.',
    ]);
  });

  it('keeps plain text as one part', () => {
    expect(textParts('no tokens', ctx)).toEqual([{ kind: 'text', text: 'no tokens' }]);
  });
});

describe('autocompleteAt', () => {
  it('opens after {{ and follows what is typed', () => {
    expect(autocompleteAt('Hi {{', 5)).toEqual({ start: 3, query: '' });
    expect(autocompleteAt('Hi {{ get_alert.sev', 19)).toEqual({ start: 3, query: 'get_alert.sev' });
  });

  it('stays closed outside an unfinished token', () => {
    expect(autocompleteAt('Hi {{ a.b }} x', 14)).toBeNull();
    expect(autocompleteAt('no braces', 9)).toBeNull();
    expect(autocompleteAt('{{ a\nb', 6)).toBeNull();
    expect(autocompleteAt('{{ a, b', 7)).toBeNull();
    // Caret before the braces.
    expect(autocompleteAt('ab {{', 2)).toBeNull();
  });
});

describe('completeToken / replaceRange', () => {
  it('replaces the typed {{ … with the token and puts the caret after it', () => {
    const value = 'Alert {{ sev tail';
    const match = autocompleteAt(value, 12);
    expect(match).not.toBeNull();
    if (match === null) return;
    expect(completeToken(value, 12, match, '{{ get_alert.severity }}')).toEqual({
      value: 'Alert {{ get_alert.severity }} tail',
      caret: 30,
    });
  });

  it('swallows a closing }} already typed after the caret', () => {
    const value = 'x {{sev}} y';
    const match = autocompleteAt(value, 7);
    if (match === null) throw new Error('expected a match');
    expect(completeToken(value, 7, match, '{{ t.severity }}').value).toBe('x {{ t.severity }} y');
  });

  it('inserts at a caret or over a selection', () => {
    expect(replaceRange('ab', 1, 1, 'X')).toEqual({ value: 'aXb', caret: 2 });
    expect(replaceRange('abcd', 1, 3, 'X')).toEqual({ value: 'aXd', caret: 2 });
    expect(replaceRange('ab', 99, 99, 'X')).toEqual({ value: 'abX', caret: 3 });
  });
});
