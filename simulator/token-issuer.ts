// Issues JWT-shaped access tokens like Entra's client-credentials grant. They are not
// signed with a real key (nothing verifies them but the simulator), but decode like
// Microsoft's, including the `roles` claim the reference says to check.
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimState } from './state';
import type { IssuedToken, TokenAudience } from './types';
import { ALL_MDE_ROLES } from './route-permissions';

export const TOKEN_LIFETIME_SECONDS = 3599;
const AUDIENCES: Record<TokenAudience, string> = {
  mde: 'https://api.securitycenter.microsoft.com',
  graph: 'https://graph.microsoft.com',
};
/** Application permissions the simulated app registration has by default: every role a route accepts. */
export const DEFAULT_GRANTED_ROLES: Record<TokenAudience, string[]> = {
  mde: [...ALL_MDE_ROLES],
  graph: ['ThreatHunting.Read.All'],
};

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The roles an app registration has for a resource: its own grants, else the tenant-wide default. */
export function rolesOfClient(state: SimState, clientId: string, audience: TokenAudience): string[] {
  const own = state.settings.clients[clientId.toLowerCase()]?.roles[audience];
  return [...(own ?? state.settings.grantedRoles[audience])];
}

export function issueToken(state: SimState, nowMs: number, audience: TokenAudience, clientId = state.settings.clientId): string {
  const { tenantId } = state.settings;
  // Roles are fixed when the token is issued: a permission change needs a new token, as in Entra.
  const roles = rolesOfClient(state, clientId, audience);
  const iat = Math.floor(nowMs / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'riposte-simulator' };
  const payload = {
    aud: AUDIENCES[audience],
    iss: `https://sts.windows.net/${tenantId}/`,
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    appid: clientId,
    appidacr: '1',
    idp: `https://sts.windows.net/${tenantId}/`,
    oid: randomUUID(),
    roles,
    sub: randomUUID(),
    tid: tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  };
  const token = `${b64url(header)}.${b64url(payload)}.${randomBytes(64).toString('base64url')}`;
  state.tokens.set(token, { tenantId, clientId, expiresAtMs: nowMs + TOKEN_LIFETIME_SECONDS * 1000, audience, roles });
  return token;
}

/** Returns a valid, unexpired bearer token's record (tenant, audience, roles), or null. */
export function verifyBearer(state: SimState, authorization: string | undefined, nowMs: number): IssuedToken | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const issued = state.tokens.get(match[1]);
  if (!issued || issued.expiresAtMs <= nowMs) return null;
  return issued;
}
