import { describe, expect, it } from 'vitest';
import { isHttpsRequest, sessionCookieOptions } from './session-cookie';

describe('session cookie', () => {
  const expires = new Date('2026-12-08T00:00:00Z');

  it('is httpOnly and SameSite=Lax always, Secure only over https', () => {
    expect(sessionCookieOptions(true, expires)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires });
    expect(sessionCookieOptions(false, expires)).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false });
  });

  it('recognises https directly, behind a proxy and from the Origin', () => {
    expect(isHttpsRequest(new Headers(), 'https://riposte.example/api/v1/auth/login')).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https, http' }))).toBe(true);
    expect(isHttpsRequest(new Headers({ origin: 'https://riposte.example' }))).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'http', origin: 'https://riposte.example' }))).toBe(false);
    expect(isHttpsRequest(new Headers({ origin: 'http://localhost:3000' }), 'http://localhost:3000/login')).toBe(false);
    expect(isHttpsRequest(new Headers())).toBe(false);
  });
});
