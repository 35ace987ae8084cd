import { describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { hashPassword, hasUsablePassword, NO_PASSWORD, needsRehash, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('hashes with argon2id at OWASP parameters and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse battery')).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('asks for a rehash of weaker or foreign hashes', async () => {
    expect(needsRehash(await hash('pw-pw-pw-pw-pw', { memoryCost: 4096, timeCost: 2 }))).toBe(true);
    expect(needsRehash(await hash('pw-pw-pw-pw-pw', { memoryCost: 19456, timeCost: 1 }))).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });

  it('treats an account without a password as never matching', async () => {
    expect(hasUsablePassword(NO_PASSWORD)).toBe(false);
    expect(await verifyPassword(NO_PASSWORD, '')).toBe(false);
    expect(await verifyPassword('garbage', 'garbage')).toBe(false);
  });
});
