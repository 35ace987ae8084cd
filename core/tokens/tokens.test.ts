import { describe, it, expect } from 'vitest';
import { findTokens } from './find';
import { parseTemplate, parseTokenExpression } from './parse';
import { resolveValue } from './resolve';

const context = {
  trigger: {
    id: 'a1',
    severity: 'High',
    incidentId: 42,
    isolated: false,
    relatedUser: { userName: 'alice', domainName: 'CONTOSO' },
    evidence: [{ sha1: 'abc' }, { sha1: 'def' }],
    empty: null,
  },
  get_alert: { machineId: 'm1' },
};

describe('parseTemplate', () => {
  it('splits text and tokens, allowing whitespace inside braces', () => {
    expect(parseTemplate('Alert {{trigger.id}} on {{   get_alert.machineId  }}!')).toEqual([
      { kind: 'text', text: 'Alert ' },
      { kind: 'token', raw: '{{trigger.id}}', ref: { nodeId: 'trigger', path: ['id'] } },
      { kind: 'text', text: ' on ' },
      { kind: 'token', raw: '{{   get_alert.machineId  }}', ref: { nodeId: 'get_alert', path: ['machineId'] } },
      { kind: 'text', text: '!' },
    ]);
  });

  it('parses array indices', () => {
    expect(parseTokenExpression(' trigger.evidence[0].sha1 ')).toEqual({ nodeId: 'trigger', path: ['evidence', 0, 'sha1'] });
  });

  it('rejects __proto__, constructor and prototype anywhere in the path', () => {
    for (const expr of ['trigger.__proto__', 'trigger.constructor.name', 'trigger.x.prototype', 'constructor', '__proto__.x']) {
      expect(parseTokenExpression(expr)).toHaveProperty('error');
    }
  });

  it('rejects expressions and malformed paths', () => {
    for (const expr of ['', 'trigger.id + 1', 'trigger["id"]', 'trigger..id', 'trigger.id()', '1abc', 'trigger[x]']) {
      expect(parseTokenExpression(expr)).toHaveProperty('error');
    }
  });

  it('leaves text without a closing brace alone', () => {
    expect(parseTemplate('{{ trigger.id')).toEqual([{ kind: 'text', text: '{{ trigger.id' }]);
  });
});

describe('findTokens', () => {
  it('finds tokens deep in objects and arrays with their param path', () => {
    const found = findTokens({
      subject: 'Alert {{ trigger.id }}',
      rules: [{ left: '{{ get_alert.severity }}', right: 'High' }],
      bad: '{{ trigger.__proto__ }}',
    });
    expect(found.map((f) => [f.paramPath, f.ref?.nodeId, f.whole, f.error !== undefined])).toEqual([
      [['subject'], 'trigger', false, false],
      [['rules', 0, 'left'], 'get_alert', true, false],
      [['bad'], undefined, true, true],
    ]);
  });

  it('finds nothing in non-strings', () => {
    expect(findTokens({ a: 1, b: true, c: null })).toEqual([]);
  });
});

describe('resolveValue', () => {
  it('keeps the referenced type for a whole token', () => {
    expect(resolveValue('{{ trigger.incidentId }}', context).value).toBe(42);
    expect(resolveValue('{{ trigger.isolated }}', context).value).toBe(false);
    expect(resolveValue('{{ trigger.relatedUser }}', context).value).toEqual({ userName: 'alice', domainName: 'CONTOSO' });
    expect(resolveValue('{{ trigger.empty }}', context).value).toBeNull();
  });

  it('makes mixed text a string, JSON for objects and nothing for null', () => {
    const { value } = resolveValue('n={{ trigger.incidentId }} u={{ trigger.relatedUser }} e=[{{ trigger.empty }}]', context);
    expect(value).toBe('n=42 u={"userName":"alice","domainName":"CONTOSO"} e=[]');
  });

  it('treats text with whitespace around a single token as mixed text', () => {
    expect(resolveValue(' {{ trigger.incidentId }}', context).value).toBe(' 42');
  });

  it('resolves array indices', () => {
    expect(resolveValue('{{ trigger.evidence[1].sha1 }}', context).value).toBe('def');
  });

  it('reports missing paths: undefined for a whole token, empty in text', () => {
    const whole = resolveValue('{{ trigger.nope.deeper }}', context);
    expect(whole.value).toBeUndefined();
    expect(whole.missing).toEqual(['trigger.nope.deeper']);
    const text = resolveValue('x{{ trigger.evidence[5].sha1 }}y{{ unknown_node.a }}', context);
    expect(text.value).toBe('xy');
    expect(text.missing).toEqual(['trigger.evidence[5].sha1', 'unknown_node.a']);
  });

  it('resolves deep over params without mutating them', () => {
    const params = { a: ['{{ trigger.id }}', { b: '{{ get_alert.machineId }}' }], n: 3 };
    const copy = structuredClone(params);
    expect(resolveValue(params, context)).toEqual({ value: { a: ['a1', { b: 'm1' }], n: 3 }, missing: [], invalid: [] });
    expect(params).toEqual(copy);
  });

  it('never resolves invalid tokens and lists them', () => {
    const result = resolveValue('{{ trigger.__proto__ }}', context);
    expect(result.value).toBeUndefined();
    expect(result.invalid).toHaveLength(1);
    expect(resolveValue('a{{ trigger.constructor }}b', context).value).toBe('ab');
  });

  it('does not leak prototype properties', () => {
    for (const token of ['{{ trigger.toString }}', '{{ trigger.hasOwnProperty }}', '{{ trigger.id.length }}', '{{ toString }}']) {
      const result = resolveValue(token, context);
      expect(result.value).toBeUndefined();
      expect(result.missing).toHaveLength(1);
    }
  });

  it('reads own properties of objects parsed from JSON even when named like builtins', () => {
    const ctx = JSON.parse('{"trigger":{"valueOf":"own"}}') as Record<string, unknown>;
    expect(resolveValue('{{ trigger.valueOf }}', ctx).value).toBe('own');
  });
});
