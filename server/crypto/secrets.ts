// Secrets at rest (design.md §6): AES-256-GCM in a versioned envelope
// "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts). New values are always sealed under
// RIPOSTE_SECRET_KEY; values sealed under an older key open with the key of that id from
// RIPOSTE_SECRET_KEY_PREVIOUS, so a key can be rotated without downtime (docs/secrets.md). A value
// no configured key can open fails closed with an error naming the key ids, never garbage.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { ActionError } from '@/core/errors';
import { keyId, keyringFromEnv, type Keyring } from './keyring';

export { keyId, keyringFromEnv, type Keyring } from './keyring';

const VERSION = 'v1';

/**
 * A sealed value this server cannot open: sealed under a key it does not have, damaged, or not an
 * envelope. Permanent (an ActionError that is not retryable), so a run fails at once with the
 * message instead of retrying, and a connection test shows it.
 */
export class SecretKeyError extends ActionError {
  constructor(code: 'SecretKeyUnknown' | 'SecretUnreadable', message: string) {
    super(code, message, { retryable: false });
  }
}

/** The key id an envelope names, or null when the text is not an envelope. */
export function envelopeKeyId(envelope: string): string | null {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION && /^[0-9a-f]{8}$/.test(parts[1]!) ? parts[1]! : null;
}

export function sealSecret(plaintext: string, key: Buffer = keyringFromEnv().current): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId(key), iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

function asKeyring(keys: Keyring | Buffer): Keyring {
  return Buffer.isBuffer(keys) ? { current: keys, previous: [] } : keys;
}

/** The key of the envelope's id among the current and previous keys; fails closed naming them. */
export function keyFor(kid: string, keys: Keyring | Buffer = keyringFromEnv()): Buffer {
  const ring = asKeyring(keys);
  const found = [ring.current, ...ring.previous].find((k) => keyId(k) === kid);
  if (found) return found;
  const previous = ring.previous.length === 0 ? 'which is empty' : `keys ${ring.previous.map(keyId).join(', ')}`;
  throw new SecretKeyError(
    'SecretKeyUnknown',
    `Secret was sealed under key ${kid}, which is neither RIPOSTE_SECRET_KEY (key ${keyId(ring.current)}) nor in RIPOSTE_SECRET_KEY_PREVIOUS (${previous}). ` +
      'Set the key it was sealed under as RIPOSTE_SECRET_KEY or add it to RIPOSTE_SECRET_KEY_PREVIOUS, or enter the secret again (docs/secrets.md).',
  );
}

export function openSecret(envelope: string, keys: Keyring | Buffer = keyringFromEnv()): string {
  const kid = envelopeKeyId(envelope);
  if (kid === null) throw new SecretKeyError('SecretUnreadable', 'The stored secret is not a recognised envelope (v1.<keyId>.<iv>.<tag>.<ciphertext>); enter the secret again.');
  const key = keyFor(kid, keys);
  const [, , iv, tag, ct] = envelope.split('.') as [string, string, string, string, string];
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // GCM refuses a damaged value (or a key whose id collides): never return what it decrypted.
    throw new SecretKeyError('SecretUnreadable', `The stored secret sealed under key ${kid} failed its integrity check (damaged or altered); enter the secret again.`);
  }
}

export function sealJson(value: Record<string, unknown>, key?: Buffer): string {
  return sealSecret(JSON.stringify(value), key);
}

export function openJson(envelope: string, keys?: Keyring | Buffer): Record<string, unknown> {
  const text = openSecret(envelope, keys);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SecretKeyError('SecretUnreadable', 'The stored secret opened but is not the JSON Riposte seals; enter the secret again.');
  }
}
