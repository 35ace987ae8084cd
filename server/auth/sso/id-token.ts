// Checks the id token's claims before anyone is let in. MSAL already compares the nonce; we
// check it again together with issuer, audience, tenant and expiry, so a token from another
// tenant or app (or a replayed one) is refused here whatever MSAL's version does.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { expectedIssuer } from './clouds';
import type { RoleClaims } from './claim-mapping';

const ZClaims = z.looseObject({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  tid: z.string().min(1),
  oid: z.string().min(1),
  nonce: z.string().optional(),
  email: z.string().optional(),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
  groups: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  _claim_names: z.looseObject({ groups: z.string().optional() }).optional(),
});

export interface SsoIdentity {
  tenantId: string;
  objectId: string;
  /** The stable identity stored on the user: "<tid>:<oid>" (never the mutable email). */
  subject: string;
  email: string | null;
  name: string;
  claims: RoleClaims;
}

export interface IdTokenExpectations {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  nonce: string;
  now?: number;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
// Tokens are checked right after the code is redeemed; allow a little clock skew.
const SKEW_S = 300;

export type IdTokenCheck = { ok: true; identity: SsoIdentity } | { ok: false; problem: string };

export function checkIdToken(raw: unknown, expect: IdTokenExpectations): IdTokenCheck {
  const parsed = ZClaims.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: `id token lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` };
  const c = parsed.data;
  const now = Math.floor((expect.now ?? Date.now()) / 1000);
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (c.iss !== expectedIssuer(expect.authorityHost, expect.tenantId)) return { ok: false, problem: `unexpected issuer ${c.iss}` };
  if (!audiences.includes(expect.clientId)) return { ok: false, problem: 'id token is for another application' };
  if (c.tid.toLowerCase() !== expect.tenantId.toLowerCase()) return { ok: false, problem: `id token is from tenant ${c.tid}` };
  if (c.exp + SKEW_S < now) return { ok: false, problem: 'id token has expired' };
  if (!c.nonce || !sameSecret(c.nonce, expect.nonce)) return { ok: false, problem: 'id token nonce does not match this sign-in' };
  const email = [c.email, c.preferred_username].find((v) => v !== undefined && EMAIL.test(v))?.toLowerCase() ?? null;
  const tid = c.tid.toLowerCase();
  const oid = c.oid.toLowerCase();
  return {
    ok: true,
    identity: {
      tenantId: tid,
      objectId: oid,
      subject: `${tid}:${oid}`,
      email,
      name: (c.name ?? '').slice(0, 200),
      claims: { groups: c.groups ?? [], roles: c.roles ?? [], groupsOverage: c.groups === undefined && c._claim_names?.groups !== undefined },
    },
  };
}
