import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { resetEnvCache } from '../env';
import { signLink, verifyLink } from './signed-links';

function useKeys(current: string, previous?: string): void {
  process.env.RIPOSTE_SECRET_KEY = current;
  if (previous === undefined) delete process.env.RIPOSTE_SECRET_KEY_PREVIOUS;
  else process.env.RIPOSTE_SECRET_KEY_PREVIOUS = previous;
  resetEnvCache();
}

const newKey = () => randomBytes(32).toString('base64');

beforeAll(() => useKeys(newKey()));
afterEach(() => {
  delete process.env.RIPOSTE_SECRET_KEY_PREVIOUS;
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
    useKeys(newKey());
    expect(verifyLink('p', before)).toBe(false);
  });

  it('a link signed before a rotation verifies while its key is in RIPOSTE_SECRET_KEY_PREVIOUS, then no more', () => {
    const oldKey = newKey();
    useKeys(oldKey);
    const before = signLink('approval:a1:approve:x@y.z');
    const next = newKey();
    useKeys(next, `${newKey()},${oldKey}`);
    expect(verifyLink('approval:a1:approve:x@y.z', before)).toBe(true);
    expect(verifyLink('approval:a1:reject:x@y.z', before)).toBe(false);
    // New links are signed with the new key only.
    expect(signLink('approval:a1:approve:x@y.z')).not.toBe(before);
    useKeys(next);
    expect(verifyLink('approval:a1:approve:x@y.z', before)).toBe(false);
  });
});
