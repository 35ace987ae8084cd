import { describe, it, expect } from 'vitest';
import { REDACTED, redact } from './redact';

describe('redact', () => {
  it('replaces secret-looking keys deeply and leaves the rest', () => {
    const input = {
      host: 'smtp.example',
      password: 'hunter2',
      nested: { clientSecret: 's', Authorization: 'Bearer x', list: [{ api_key: 'k', apiKey: 'k2', keep: 1 }] },
      accessToken: 't',
      Cookie: 'c',
      passwd: 'p',
    };
    expect(redact(input)).toEqual({
      host: 'smtp.example',
      password: REDACTED,
      nested: { clientSecret: REDACTED, Authorization: REDACTED, list: [{ api_key: REDACTED, apiKey: REDACTED, keep: 1 }] },
      accessToken: REDACTED,
      Cookie: REDACTED,
      passwd: REDACTED,
    });
  });

  it('copies instead of mutating', () => {
    const input = { password: 'x', a: { b: 1 } };
    const out = redact(input);
    expect(input.password).toBe('x');
    expect(out.a).not.toBe(input.a);
  });

  it('passes primitives through and cuts cycles', () => {
    expect(redact('text')).toBe('text');
    expect(redact(null)).toBeNull();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ a: 1, self: '[circular]' });
  });

  it('cannot be tricked by a JSON "__proto__" key', () => {
    const out = redact(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
