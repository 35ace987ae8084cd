import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../../env';
import { sealJson } from '../../crypto/secrets';
import { SSO_FLOW_TTL_MS, openFlowState, randomValue, sealFlowState } from './flow-state';

const input = { state: randomValue(), nonce: randomValue(), verifier: randomValue(), redirectUri: 'https://riposte.example/api/v1/auth/sso/callback' };

beforeAll(() => {
  process.env.RIPOSTE_SECRET_KEY = randomBytes(32).toString('base64');
  resetEnvCache();
});

describe('SSO flow cookie', () => {
  it('round-trips without showing the verifier, state or nonce', () => {
    const cookie = sealFlowState(input);
    for (const v of [input.state, input.nonce, input.verifier]) expect(cookie).not.toContain(v);
    expect(openFlowState(cookie)).toMatchObject(input);
  });
  it('is refused once expired', () => {
    const now = Date.now();
    const cookie = sealFlowState(input, now);
    expect(openFlowState(cookie, now + SSO_FLOW_TTL_MS - 1)).not.toBeNull();
    expect(openFlowState(cookie, now + SSO_FLOW_TTL_MS + 1)).toBeNull();
  });
  it('is refused when altered, missing, or sealed for another purpose', () => {
    const cookie = sealFlowState(input);
    const parts = cookie.split('.');
    // The first character of the ciphertext: all of its bits are significant.
    parts[4] = `${parts[4]![0] === 'A' ? 'B' : 'A'}${parts[4]!.slice(1)}`;
    expect(openFlowState(parts.join('.'))).toBeNull();
    expect(openFlowState(undefined)).toBeNull();
    expect(openFlowState('not-a-cookie')).toBeNull();
    expect(openFlowState(sealJson({ ...input, purpose: 'something-else', expiresAt: Date.now() + 60_000 }))).toBeNull();
  });
  it('is refused under another key (after rotation)', () => {
    const cookie = sealFlowState(input);
    process.env.RIPOSTE_SECRET_KEY = randomBytes(32).toString('base64');
    resetEnvCache();
    expect(openFlowState(cookie)).toBeNull();
  });
});
