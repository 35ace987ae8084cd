import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { resetEnvCache } from '../env';
import { signLink, verifyLink } from './signed-links';

beforeAll(() => {
  process.env.RIPOSTE_SECRET_KEY = randomBytes(32).toString('base64');
  resetEnvCache();
});

describe('signed links', () => {
  it('verifies its own signature for the same purpose only', () => {
    const sig = signLink('approval:a1:approve:soc@example.com');
    expect(verifyLink('approval:a1:approve:soc@example.com', sig)).toBe(true);
    expect(verifyLink('approval:a1:reject:soc@example.com', sig)).toBe(false);
    expect(verifyLink('approval:a2:approve:soc@example.com', sig)).toBe(false);
  });

  it('refuses tampered, truncated and empty signatures', () => {
    const sig = signLink('approval:a1:approve:x@y.z');
    expect(verifyLink('approval:a1:approve:x@y.z', `${sig.slice(0, -1)}A`)).toBe(sig.endsWith('A'));
    expect(verifyLink('approval:a1:approve:x@y.z', sig.slice(0, 10))).toBe(false);
    expect(verifyLink('approval:a1:approve:x@y.z', '')).toBe(false);
  });

  it('changes when the secret key changes', () => {
    const before = signLink('p');
    process.env.RIPOSTE_SECRET_KEY = randomBytes(32).toString('base64');
    resetEnvCache();
    expect(verifyLink('p', before)).toBe(false);
  });
});
