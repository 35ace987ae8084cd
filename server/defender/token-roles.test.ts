import { describe, expect, it } from 'vitest';
import { rolesOfAccessToken } from './token-roles';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${part({ typ: 'JWT', alg: 'RS256' })}.${part(payload)}.c2lnbmF0dXJl`;

describe('rolesOfAccessToken', () => {
  it('reads the roles claim (base64url payload), sorted and de-duplicated', () => {
    expect(rolesOfAccessToken(jwt({ aud: 'https://api.securitycenter.microsoft.com', roles: ['Machine.Isolate', 'Alert.Read.All', 'Machine.Isolate'] }))).toEqual(['Alert.Read.All', 'Machine.Isolate']);
  });

  it('decodes payloads whose base64url uses - and _', () => {
    // "~~~" and "???" encode to base64 with + and / — base64url turns them into - and _.
    const token = jwt({ roles: ['~~~', '???'] });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(rolesOfAccessToken(token)).toEqual(['???', '~~~']);
  });

  it('returns [] without a roles claim, for a non-JWT, or for a garbled payload', () => {
    expect(rolesOfAccessToken(jwt({ aud: 'x' }))).toEqual([]);
    expect(rolesOfAccessToken('opaque-token')).toEqual([]);
    expect(rolesOfAccessToken('a.!!!.c')).toEqual([]);
    expect(rolesOfAccessToken(jwt({ roles: 'Machine.Isolate' }))).toEqual([]);
  });
});
