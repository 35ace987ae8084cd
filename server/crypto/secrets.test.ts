import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { keyId, openSecret, sealSecret } from './secrets';

describe('secret envelope', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const sealed = sealSecret('s3cr3t-client-secret', key);
    expect(sealed.startsWith(`v1.${keyId(key)}.`)).toBe(true);
    expect(sealed).not.toContain('s3cr3t');
    expect(openSecret(sealed, key)).toBe('s3cr3t-client-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(sealSecret('x', key)).not.toBe(sealSecret('x', key));
  });

  it('rejects tampering and the wrong key', () => {
    const sealed = sealSecret('value', key);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => openSecret(parts.join('.'), key)).toThrow();
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/sealed under key/);
  });
});
