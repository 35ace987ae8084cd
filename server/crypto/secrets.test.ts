import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { envelopeKeyId, keyId, keyringFromEnv, openJson, openSecret, sealJson, sealSecret, SecretKeyError } from './secrets';
import { resetEnvCache } from '../env';
import { isActionError } from '@/core/errors';

describe('secret envelope', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const sealed = sealSecret('s3cr3t-client-secret', key);
    expect(sealed.startsWith(`v1.${keyId(key)}.`)).toBe(true);
    expect(envelopeKeyId(sealed)).toBe(keyId(key));
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
    expect(() => openSecret(parts.join('.'), key)).toThrow(/failed its integrity check/);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/sealed under key/);
    expect(() => openSecret('plain text', key)).toThrow(/not a recognised envelope/);
  });
});

describe('key ring', () => {
  const current = randomBytes(32);
  const old = randomBytes(32);
  const stranger = randomBytes(32);

  it('opens values sealed under a previous key, chosen by key id', () => {
    const sealedOld = sealSecret('from before the rotation', old);
    expect(openSecret(sealedOld, { current, previous: [stranger, old] })).toBe('from before the rotation');
    expect(openSecret(sealSecret('new', current), { current, previous: [old] })).toBe('new');
  });

  it('fails closed naming the key ids, as a permanent action error', () => {
    const sealed = sealSecret('x', stranger);
    let caught: unknown;
    try {
      openSecret(sealed, { current, previous: [old] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SecretKeyError);
    expect(isActionError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'SecretKeyUnknown', retryable: false });
    expect((caught as Error).message).toContain(
      `Secret was sealed under key ${keyId(stranger)}, which is neither RIPOSTE_SECRET_KEY (key ${keyId(current)}) nor in RIPOSTE_SECRET_KEY_PREVIOUS (keys ${keyId(old)})`,
    );
    expect(() => openSecret(sealed, current)).toThrow(/RIPOSTE_SECRET_KEY_PREVIOUS \(which is empty\)/);
  });

  it('reads both variables from the environment; the current key listed as previous is ignored', () => {
    process.env.RIPOSTE_SECRET_KEY = current.toString('base64');
    process.env.RIPOSTE_SECRET_KEY_PREVIOUS = ` ${old.toString('base64')}, ${current.toString('base64')},`;
    resetEnvCache();
    const ring = keyringFromEnv();
    expect(keyId(ring.current)).toBe(keyId(current));
    expect(ring.previous.map(keyId)).toEqual([keyId(old)]);
    expect(openJson(sealJson({ a: 'b' }, old))).toEqual({ a: 'b' });
    expect(envelopeKeyId(sealJson({ a: 'b' }))).toBe(keyId(current));
  });

  it('refuses a malformed RIPOSTE_SECRET_KEY_PREVIOUS', () => {
    process.env.RIPOSTE_SECRET_KEY = current.toString('base64');
    process.env.RIPOSTE_SECRET_KEY_PREVIOUS = 'not-a-key';
    resetEnvCache();
    expect(() => keyringFromEnv()).toThrow(/RIPOSTE_SECRET_KEY_PREVIOUS: must be comma-separated keys/);
  });

  afterEach(() => {
    delete process.env.RIPOSTE_SECRET_KEY_PREVIOUS;
    resetEnvCache();
  });
});
