import { describe, expect, it } from 'vitest';
import { parsePayload } from './payload';

describe('parsePayload', () => {
  it('accepts a JSON object', () => {
    expect(parsePayload(' { "id": "a1", "severity": "High" } ')).toEqual({ ok: true, payload: { id: 'a1', severity: 'High' } });
  });
  it('says what is wrong otherwise', () => {
    expect(parsePayload('')).toMatchObject({ ok: false, message: expect.stringContaining('Paste') });
    expect(parsePayload('{ id: 1 }')).toMatchObject({ ok: false, message: expect.stringContaining('Not valid JSON') });
    for (const v of ['[1]', '"x"', '3', 'null']) expect(parsePayload(v)).toMatchObject({ ok: false, message: expect.stringContaining('JSON object') });
  });
});
