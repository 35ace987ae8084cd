// Signed capability links (approval emails): HMAC-SHA256 under a key derived from
// RIPOSTE_SECRET_KEY, so nothing secret is stored and a link cannot be forged or moved to another
// approval or decision. Expiry and single use are enforced by the approval's own row. Links are
// signed with the current key and verified with the previous keys too, so links emailed before a
// key rotation keep working until they expire (docs/secrets.md).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { keyringFromEnv } from './keyring';

function linkKey(secretKey: Buffer): Buffer {
  // A separate key per purpose: the encryption key itself never signs anything.
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'riposte approval links v1', 32));
}

function sign(purpose: string, secretKey: Buffer): string {
  return createHmac('sha256', linkKey(secretKey)).update(purpose).digest('base64url');
}

/** The signature for one purpose string, e.g. `approval:<id>:approve:<approver>`. */
export function signLink(purpose: string): string {
  return sign(purpose, keyringFromEnv().current);
}

export function verifyLink(purpose: string, signature: string): boolean {
  const ring = keyringFromEnv();
  const given = Buffer.from(signature);
  // Every key is checked (no early exit), so timing does not tell which key signed.
  let ok = false;
  for (const key of [ring.current, ...ring.previous]) {
    const expected = Buffer.from(sign(purpose, key));
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
