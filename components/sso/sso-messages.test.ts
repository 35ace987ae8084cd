import { describe, expect, it } from 'vitest';
import { SSO_REFUSALS } from '@/server/auth/sso/refusals';
import { SSO_MESSAGES, ssoMessage } from './sso-messages';

describe('SSO refusal messages', () => {
  it('has a sentence for every refusal the callback can send', () => {
    for (const code of SSO_REFUSALS) expect(SSO_MESSAGES[code], code).toMatch(/\.$/);
  });
  it('never echoes an unknown code from the URL', () => {
    expect(ssoMessage('<script>alert(1)</script>')).toBe(SSO_MESSAGES.unavailable);
    expect(ssoMessage(null)).toBeNull();
  });
});
