import { describe, expect, it } from 'vitest';
import { textToValue, valueToText } from './json-value';

describe('JSON/value widget conversion', () => {
  it('keeps plain text (with tokens) as text', () => {
    expect(textToValue('Alert {{ trigger.id }}')).toEqual({ value: 'Alert {{ trigger.id }}' });
    expect(textToValue('{{ trigger.evidence }}')).toEqual({ value: '{{ trigger.evidence }}' });
    expect(textToValue('   ')).toEqual({ value: undefined });
  });

  it('parses lists, objects and literals, tokens inside strings included', () => {
    expect(textToValue('["{{ trigger.machineId }}", 2]')).toEqual({ value: ['{{ trigger.machineId }}', 2] });
    expect(textToValue('{ "a": true }')).toEqual({ value: { a: true } });
    expect(textToValue('42')).toEqual({ value: 42 });
    expect(textToValue('[]')).toEqual({ value: [] });
  });

  it('keeps broken JSON as text and says so', () => {
    const result = textToValue('[{{ trigger.evidence }}]');
    expect(result.value).toBe('[{{ trigger.evidence }}]');
    expect(result.error).toMatch(/^Not valid JSON .*used as text\.$/);
  });

  it('shows stored values for editing', () => {
    expect(valueToText(['a'])).toBe('[\n  "a"\n]');
    expect(valueToText('x')).toBe('x');
    expect(valueToText(undefined)).toBe('');
    expect(valueToText(null)).toBe('null');
  });
});
