// Secrets at rest (design.md §6): AES-256-GCM under RIPOSTE_SECRET_KEY, in a versioned envelope
// "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id lets a later rotation
// command find what was sealed under an old key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { env } from '../env';

const VERSION = 'v1';

function keyFromEnv(): Buffer {
  const raw = env().RIPOSTE_SECRET_KEY;
  if (!raw) throw new Error('RIPOSTE_SECRET_KEY is not set: it is needed to encrypt connection secrets');
  return Buffer.from(raw, 'base64');
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function sealSecret(plaintext: string, key: Buffer = keyFromEnv()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId(key), iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

export function openSecret(envelope: string, key: Buffer = keyFromEnv()): string {
  const [version, kid, iv, tag, ct] = envelope.split('.');
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('Unrecognised secret envelope');
  if (kid !== keyId(key)) throw new Error(`Secret was sealed under key ${kid}, but RIPOSTE_SECRET_KEY is key ${keyId(key)}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function sealJson(value: Record<string, unknown>): string {
  return sealSecret(JSON.stringify(value));
}

export function openJson(envelope: string): Record<string, unknown> {
  return JSON.parse(openSecret(envelope)) as Record<string, unknown>;
}
