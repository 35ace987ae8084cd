// The keys secrets are sealed with: RIPOSTE_SECRET_KEY (current: seals and opens) and the
// comma-separated RIPOSTE_SECRET_KEY_PREVIOUS (only open, and verify signed links), each 32 bytes
// base64. A key is named by its id: the first 8 hex digits of its SHA-256, which is stored in
// every envelope and is safe to print (it says nothing about the key).
import { createHash } from 'node:crypto';
import { env } from '../env';

export interface Keyring {
  current: Buffer;
  previous: Buffer[];
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Splits RIPOSTE_SECRET_KEY_PREVIOUS (blank entries ignored, so trailing commas are harmless). */
export function parseKeyList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function keyringFromEnv(): Keyring {
  const e = env();
  if (!e.RIPOSTE_SECRET_KEY) throw new Error('RIPOSTE_SECRET_KEY is not set: it is needed to seal and open connection secrets and to sign approval links');
  const current = Buffer.from(e.RIPOSTE_SECRET_KEY, 'base64');
  const currentId = keyId(current);
  // The current key listed again as previous (a common slip mid-rotation) is simply ignored.
  const previous = parseKeyList(e.RIPOSTE_SECRET_KEY_PREVIOUS).map((k) => Buffer.from(k, 'base64')).filter((k) => keyId(k) !== currentId);
  return { current, previous };
}
