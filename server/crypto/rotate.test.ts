import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { formatRotationReport, resealed } from './rotate';
import { envelopeKeyId, keyId, openSecret, sealSecret } from './secrets';

describe('resealed', () => {
  const current = randomBytes(32);
  const old = randomBytes(32);
  const keys = { current, previous: [old] };

  it('re-encrypts a value sealed under a previous key, keeping the plaintext', () => {
    const next = resealed(sealSecret('hello', old), keys);
    expect(next).not.toBeNull();
    expect(envelopeKeyId(next!)).toBe(keyId(current));
    expect(openSecret(next!, current)).toBe('hello');
  });

  it('leaves a value already under the current key alone (idempotent)', () => {
    expect(resealed(sealSecret('hello', current), keys)).toBeNull();
  });

  it('throws the clear error for a value no key opens', () => {
    expect(() => resealed(sealSecret('x', randomBytes(32)), keys)).toThrow(/neither RIPOSTE_SECRET_KEY/);
  });
});

describe('formatRotationReport', () => {
  it('gives the counts and names the rows it could not open', () => {
    const text = formatRotationReport({
      keyId: 'aaaa1111',
      previousKeyIds: ['bbbb2222'],
      columns: [{ table: 'Connection', column: 'secret', current: 2, reencrypted: 3, failed: 1 }],
      totals: { current: 2, reencrypted: 3, failed: 1 },
      failures: [{ table: 'Connection', column: 'secret', id: 'c-1', label: 'Prod tenant', error: 'Secret was sealed under key cccc3333, …' }],
    });
    expect(text).toContain('Current key: aaaa1111; previous keys accepted: bbbb2222');
    expect(text).toContain('Connection.secret: 2 sealed under the current key, 3 re-encrypted, 1 failed');
    expect(text).toContain('Connection.secret c-1 ("Prod tenant"): Secret was sealed under key cccc3333');
  });
});
