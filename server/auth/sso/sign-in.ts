// Single sign-on with Microsoft Entra ID: authorization code flow with PKCE through MSAL.
// begin → the authority's sign-in URL and a sealed flow cookie; finish → checks state, redeems
// the code with the verifier, checks the id token, maps groups/app roles to a role, provisions
// the user and opens a session exactly like a password sign-in.
import { CryptoProvider } from '@azure/msal-node';
import { createSession, deleteSession } from '../sessions';
import { audit } from '../../services/audit';
import { loadSsoConfig } from './settings';
import { ssoAppFor, SSO_SCOPES } from './msal-app';
import { openFlowState, randomValue, sealFlowState } from './flow-state';
import { checkIdToken, sameSecret } from './id-token';
import { mapRole } from './claim-mapping';
import { principalFor, provisionSsoUser } from './provision';
import type { SsoRefusal } from './refusals';
import { logUnexpected } from '../../log/unexpected';

const crypto = new CryptoProvider();

export type SsoBegin = { ok: true; url: string; cookie: string } | { ok: false; reason: SsoRefusal };

export async function beginSsoSignIn(redirectUri: string): Promise<SsoBegin> {
  const config = await loadSsoConfig();
  if (!config) return { ok: false, reason: 'disabled' };
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const state = randomValue();
  const nonce = randomValue();
  try {
    const url = await ssoAppFor(config).getAuthCodeUrl({
      scopes: SSO_SCOPES,
      redirectUri,
      responseMode: 'query',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
    });
    return { ok: true, url, cookie: sealFlowState({ state, nonce, verifier, redirectUri }) };
  } catch (e) {
    // Typically the authority cannot be reached or its discovery document is wrong.
    log('SSO sign-in could not start', e);
    return { ok: false, reason: 'unavailable' };
  }
}

export interface SsoFinishInput {
  query: URLSearchParams;
  cookie: string | undefined;
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser already carries: deleted at sign-in (session rotation). */
  previousSessionToken?: string;
}

export type SsoFinish = { ok: true; userId: string; token: string; expiresAt: Date } | { ok: false; reason: SsoRefusal };

function log(msg: string, e: unknown): void {
  // The error only, through the redacting logger: never the request or the token response.
  logUnexpected('sso', msg, e);
}

async function refuse(reason: SsoRefusal, input: SsoFinishInput, details: Record<string, string | null> = {}, user?: { id: string; email: string; role: 'admin' | 'editor' | 'viewer' }): Promise<SsoFinish> {
  const actor = user ? principalFor(user, input) : null;
  // Without an account there is no principal; the client address goes into the details instead.
  const from = user ? {} : { ip: input.ip, userAgent: input.userAgent };
  await audit(actor, 'user.login.sso.refused', { type: 'user', id: user?.id }, { method: 'sso', reason, ...details, ...from });
  return { ok: false, reason };
}

export async function finishSsoSignIn(input: SsoFinishInput): Promise<SsoFinish> {
  const config = await loadSsoConfig();
  if (!config) return { ok: false, reason: 'disabled' };
  const flow = openFlowState(input.cookie);
  // No cookie at all is a stale bookmark or a bot, not worth an audit entry; an altered or
  // expired one is recorded.
  if (!flow) return input.cookie ? refuse('expired', input) : { ok: false, reason: 'expired' };
  const state = input.query.get('state') ?? '';
  if (!sameSecret(state, flow.state)) return refuse('state_mismatch', input);
  const idpError = input.query.get('error');
  if (idpError) return refuse('idp_error', input, { error: idpError.slice(0, 100) });
  const code = input.query.get('code');
  if (!code || code.length > 4096) return refuse('invalid_token', input, { problem: 'no authorization code' });

  let claims: unknown;
  try {
    const result = await ssoAppFor(config).acquireTokenByCode(
      { code, codeVerifier: flow.verifier, redirectUri: flow.redirectUri, scopes: SSO_SCOPES, state: flow.state, nonce: flow.nonce },
      { code, state },
    );
    claims = result.idTokenClaims;
  } catch (e) {
    log('SSO code redemption failed', e);
    return refuse('token_failed', input, { problem: e instanceof Error ? e.message.slice(0, 200) : 'unknown' });
  }

  const checked = checkIdToken(claims, { authorityHost: config.authorityHost, tenantId: config.tenantId, clientId: config.clientId, nonce: flow.nonce });
  if (!checked.ok) return refuse('invalid_token', input, { problem: checked.problem });
  const identity = checked.identity;
  const who = { email: identity.email, tenantId: identity.tenantId, objectId: identity.objectId };
  if (!identity.email) return refuse('no_email', input, who);

  const mapped = mapRole(identity.claims, config.rules, config.defaultRole);
  if (!mapped.ok) return refuse(mapped.reason, input, who);

  const provisioned = await provisionSsoUser({ ...identity, email: identity.email }, mapped.role, { autoCreate: config.autoCreate, ip: input.ip, userAgent: input.userAgent });
  if (!provisioned.ok) return refuse(provisioned.reason, input, who, provisioned.user);

  const user = provisioned.user;
  // Rotation, as at a password sign-in: the session the browser came with ends here (a refused
  // sign-in above leaves it alone), and the new one records where it was opened from.
  if (input.previousSessionToken) await deleteSession(input.previousSessionToken);
  const session = await createSession(user.id, { ip: input.ip, userAgent: input.userAgent });
  await audit(principalFor(user, input), 'user.login', { type: 'user', id: user.id }, { method: 'sso', role: user.role });
  return { ok: true, userId: user.id, ...session };
}
