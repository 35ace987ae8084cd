import { describe, expect, it } from 'vitest';
import { checkIdToken } from './id-token';

const HOST = 'https://login.microsoftonline.com';
const TID = '11111111-2222-4333-8444-555555555555';
const CLIENT = '66666666-7777-4888-8999-000000000000';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const good = {
  iss: `${HOST}/${TID}/v2.0`,
  aud: CLIENT,
  exp: NOW / 1000 + 3600,
  tid: TID,
  oid: 'A1B2C3D4-0000-4000-8000-000000000001',
  nonce: 'n'.repeat(43),
  preferred_username: 'Erin@Contoso.com',
  name: 'Erin',
  groups: ['g1'],
};
const expect_ = { authorityHost: HOST, tenantId: TID, clientId: CLIENT, nonce: 'n'.repeat(43), now: NOW };

describe('checkIdToken', () => {
  it('accepts a token for this app and tenant, and reads the identity from it', () => {
    const result = checkIdToken(good, expect_);
    expect(result).toEqual({
      ok: true,
      identity: {
        tenantId: TID,
        objectId: 'a1b2c3d4-0000-4000-8000-000000000001',
        subject: `${TID}:a1b2c3d4-0000-4000-8000-000000000001`,
        email: 'erin@contoso.com',
        name: 'Erin',
        claims: { groups: ['g1'], roles: [], groupsOverage: false },
      },
    });
  });
  it.each([
    ['another issuer', { iss: `https://login.example.net/${TID}/v2.0` }, 'issuer'],
    ['the v1 issuer', { iss: `https://sts.windows.net/${TID}/` }, 'issuer'],
    ['another app', { aud: 'someone-else' }, 'another application'],
    ['another tenant', { tid: '99999999-2222-4333-8444-555555555555' }, 'tenant'],
    ['an expired token', { exp: NOW / 1000 - 3600 }, 'expired'],
    ['a replayed nonce', { nonce: 'm'.repeat(43) }, 'nonce'],
    ['no nonce', { nonce: undefined }, 'nonce'],
    ['no object id', { oid: undefined }, 'oid'],
  ])('refuses %s', (_name, patch, problem) => {
    const result = checkIdToken({ ...good, ...patch }, expect_);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });
  it('notices a groups overage (Entra sends _claim_names instead of groups)', () => {
    const result = checkIdToken({ ...good, groups: undefined, _claim_names: { groups: 'src1' } }, expect_);
    expect(result.ok && result.identity.claims.groupsOverage).toBe(true);
  });
  it('has no email when neither email nor preferred_username looks like one', () => {
    const result = checkIdToken({ ...good, preferred_username: 'erin' }, expect_);
    expect(result.ok && result.identity.email).toBeNull();
  });
});
