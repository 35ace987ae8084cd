// Signed capability links (approval emails): HMAC-SHA256 under a key derived from
// RIPOSTE_SECRET_KEY, so nothing secret is stored and a link cannot be forged or moved to another
// approval or decision. Expiry and single use are enforced by the approval's own row.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { env } from '../env';

function linkKey(): Buffer {
  const raw = env().RIPOSTE_SECRET_KEY;
  if (!raw) throw new Error('RIPOSTE_SECRET_KEY is not set: it is needed to sign approval links');
  // A separate key per purpose: the encryption key itself never signs anything.
  return Buffer.from(hkdfSync('sha256', Buffer.from(raw, 'base64'), Buffer.alloc(0), 'riposte approval links v1', 32));
}

/** The signature for one purpose string, e.g. `approval:<id>:approve:<approver>`. */
export function signLink(purpose: string): string {
  return createHmac('sha256', linkKey()).update(purpose).digest('base64url');
}

export function verifyLink(purpose: string, signature: string): boolean {
  const expected = Buffer.from(signLink(purpose));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
