import { describe, expect, it } from 'vitest';
import { ssoRedirectUri } from './redirect-uri';

describe('ssoRedirectUri', () => {
  it('uses RIPOSTE_PUBLIC_URL when set, whatever the request says', () => {
    const h = new Headers({ host: 'evil.example' });
    expect(ssoRedirectUri('https://riposte.contoso.com/some/path', h)).toBe('https://riposte.contoso.com/api/v1/auth/sso/callback');
  });
  it('falls back to the request origin, https only when forwarded as https', () => {
    expect(ssoRedirectUri(undefined, new Headers({ host: 'localhost:3100' }))).toBe('http://localhost:3100/api/v1/auth/sso/callback');
    expect(ssoRedirectUri(undefined, new Headers({ host: 'internal:3000', 'x-forwarded-host': 'riposte.example', 'x-forwarded-proto': 'https' }))).toBe(
      'https://riposte.example/api/v1/auth/sso/callback',
    );
  });
  it('gives up on a host header that is not a host', () => {
    expect(ssoRedirectUri(undefined, new Headers({ host: 'evil.example/path?x=' }))).toBeNull();
    expect(ssoRedirectUri(undefined, new Headers())).toBeNull();
  });
});
