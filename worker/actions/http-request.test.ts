import { describe, expect, it } from 'vitest';
import { buildBody, buildHeaders, buildUrl } from './http-request';

describe('HTTP request building', () => {
  it('parses header lines, joins repeats, lower-cases names', () => {
    expect(buildHeaders('X-One: a\nAccept: application/json\nx-one: b', false)).toEqual({ 'x-one': 'a, b', accept: 'application/json' });
    expect(buildHeaders(undefined, false)).toEqual({});
  });

  it('refuses Host and other transport headers, bad names, and line breaks marked by the header encoder', () => {
    for (const [text, code] of [
      ['Host: internal.example', 'HeaderNotAllowed'],
      ['Content-Length: 5', 'HeaderNotAllowed'],
      ['Transfer-Encoding: chunked', 'HeaderNotAllowed'],
      ['Bad Name: x', 'InvalidHeader'],
      ['X-Title: a\uFFFDInjected: yes', 'InvalidHeader'],
      ['X-Title: a\u0000b', 'InvalidHeader'],
      ['no separator', 'InvalidHeader'],
    ] as const) {
      expect(() => buildHeaders(text, false), text).toThrow(expect.objectContaining({ code }));
    }
    expect(() => buildHeaders('Authorization: Bearer mine', true)).toThrow(expect.objectContaining({ code: 'HeaderNotAllowed' }));
    expect(buildHeaders('Authorization: Bearer mine', false)).toEqual({ authorization: 'Bearer mine' });
  });

  it('appends query lines URL-encoded; refuses credentials in the URL and relative URLs', () => {
    expect(buildUrl('https://soar.example/api?x=1', 'q=a&b c\nempty=').toString()).toBe('https://soar.example/api?x=1&q=a%26b+c&empty=');
    expect(() => buildUrl('https://user:pw@soar.example/', undefined)).toThrow(expect.objectContaining({ code: 'InvalidUrl' }));
    expect(() => buildUrl('/relative', undefined)).toThrow(expect.objectContaining({ code: 'InvalidUrl' }));
    expect(() => buildUrl('https://x.example', 'novalue')).toThrow(expect.objectContaining({ code: 'InvalidQuery' }));
  });

  it('JSON bodies must parse; a whole-token value is serialised; text keeps a given content type', () => {
    const h: Record<string, string> = {};
    expect(buildBody({ bodyType: 'json', body: '{"a": 1}' }, h)).toBe('{"a": 1}');
    expect(h['content-type']).toBe('application/json; charset=utf-8');
    expect(buildBody({ bodyType: 'json', body: { rows: [1] } }, {})).toBe('{"rows":[1]}');
    expect(() => buildBody({ bodyType: 'json', body: '{"a": "x"y"}' }, {})).toThrow(expect.objectContaining({ code: 'InvalidJsonBody' }));
    const t: Record<string, string> = { 'content-type': 'text/csv' };
    expect(buildBody({ bodyType: 'text', textBody: 'a,b' }, t)).toBe('a,b');
    expect(t['content-type']).toBe('text/csv');
    expect(buildBody({ bodyType: 'none', body: '{}' }, {})).toBeUndefined();
  });
});
