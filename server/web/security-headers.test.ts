import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isHttpsRequest, parseOriginList, securityHeaders } from './security-headers';

const base = { nonce: 'bm9uY2U=', https: false, development: false };
const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('security headers', () => {
  it('builds a strict nonce policy for production', () => {
    const d = directives(contentSecurityPolicy(base));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(d.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(contentSecurityPolicy(base)).not.toContain('unsafe-eval');
  });

  it("allows 'unsafe-eval' and the dev websocket only in development", () => {
    const d = directives(contentSecurityPolicy({ ...base, development: true }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('adds HSTS and upgrade-insecure-requests only over https', () => {
    expect(securityHeaders(base)['Strict-Transport-Security']).toBeUndefined();
    const https = securityHeaders({ ...base, https: true });
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(https['Content-Security-Policy'] as string).has('upgrade-insecure-requests')).toBe(true);
  });

  it('sets the fixed headers', () => {
    expect(securityHeaders(base)).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(securityHeaders(base)['Permissions-Policy']).toContain('camera=()');
  });

  it('adds extra form-action origins from the hook', () => {
    const d = directives(contentSecurityPolicy({ ...base, extraFormActionOrigins: ['https://login.example.com'] }));
    expect(d.get('form-action')).toEqual(["'self'", 'https://login.example.com']);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });

  it('reads https from the first X-Forwarded-Proto hop, else the URL', () => {
    expect(isHttpsRequest('https', 'http:')).toBe(true);
    expect(isHttpsRequest('https, http', 'http:')).toBe(true);
    expect(isHttpsRequest('http', 'https:')).toBe(false);
    expect(isHttpsRequest(null, 'https:')).toBe(true);
    expect(isHttpsRequest(null, 'http:')).toBe(false);
  });

  it('keeps only http(s) origins from the configured list', () => {
    expect(parseOriginList(' https://login.example.com/ , javascript:alert(1), not a url, http://idp.local:8080')).toEqual(['https://login.example.com', 'http://idp.local:8080']);
    expect(parseOriginList(undefined)).toEqual([]);
  });
});
