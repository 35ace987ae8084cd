// The sign-in in flight: state, nonce and the PKCE verifier, kept between /start and /callback in
// a short-lived httpOnly cookie sealed with AES-256-GCM (server/crypto/secrets), so the browser
// can neither read the verifier nor forge or alter any of it. `purpose` keeps another sealed
// value from ever being accepted here.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openJson, sealJson } from '../../crypto/secrets';

export const SSO_FLOW_COOKIE = 'riposte_sso_flow';
/** Also the cookie's path: the browser sends it to the callback and nowhere else. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';
export const SSO_FLOW_TTL_MS = 10 * 60 * 1000;

const ZFlowState = z.object({
  purpose: z.literal('sso-flow'),
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  redirectUri: z.url(),
  expiresAt: z.number(),
});
export type FlowState = z.infer<typeof ZFlowState>;

export function randomValue(): string {
  return randomBytes(32).toString('base64url');
}

export function sealFlowState(input: Omit<FlowState, 'purpose' | 'expiresAt'>, now = Date.now()): string {
  return sealJson({ purpose: 'sso-flow', ...input, expiresAt: now + SSO_FLOW_TTL_MS });
}

/** The flow state, or null when the cookie is missing, altered, sealed under another key or expired. */
export function openFlowState(cookie: string | undefined, now = Date.now()): FlowState | null {
  if (!cookie) return null;
  try {
    const parsed = ZFlowState.safeParse(openJson(cookie));
    if (!parsed.success || parsed.data.expiresAt < now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
