// Reads the `roles` claim of an Entra access token for display ("what this connection may do").
// The token is not verified: it came straight from Entra over TLS and is only shown, never
// trusted for a decision. The token itself is never logged or returned; only its roles are.
import { z } from 'zod';

const ZRolesClaim = z.object({ roles: z.array(z.string()).optional() }).loose();

/** The application roles in a JWT access token, sorted; [] when the claim is absent or the token is not a JWT. */
export function rolesOfAccessToken(token: string): string[] {
  const parts = token.split('.');
  if (parts.length !== 3) return [];
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    const parsed = ZRolesClaim.safeParse(payload);
    return parsed.success ? [...new Set(parsed.data.roles ?? [])].sort() : [];
  } catch {
    return [];
  }
}
