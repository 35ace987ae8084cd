// Password hashing with argon2id (@node-rs/argon2: maintained, prebuilt, no node-gyp).
import { hash, parseOptions, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet, argon2id: "m=19456 (19 MiB), t=2, p=1" is the first of its
// equivalent minimum configurations. The library's default algorithm is argon2id (v19).
// A stored hash weaker than this is upgraded at the next successful sign-in (needsRehash).
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// The library's Algorithm and Version are ambient const enums, which isolatedModules cannot read.
const ARGON2ID = 2;
const VERSION_0X13 = 1;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** What an account without a usable password (invited, reset, or single sign-on only) stores. */
export const NO_PASSWORD = '';

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export function hasUsablePassword(passwordHash: string): boolean {
  return passwordHash.startsWith('$argon2');
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!hasUsablePassword(passwordHash)) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker settings than today's (variant, version, memory, passes). */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return (
      o.algorithm !== ARGON2ID ||
      o.version !== VERSION_0X13 ||
      o.memoryCost < PASSWORD_HASH_OPTIONS.memoryCost ||
      o.timeCost < PASSWORD_HASH_OPTIONS.timeCost
    );
  } catch {
    return true;
  }
}
