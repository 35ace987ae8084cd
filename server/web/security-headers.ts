// The security headers every response carries (docs/security.md), built per request by proxy.ts.
// Pure: no Next.js import, so the unit tests can read the exact policy.

export interface SecurityHeaderOptions {
  /** A fresh, unguessable value per request; Next.js puts it on its own scripts. */
  nonce: string;
  /** The request came over https (directly or per X-Forwarded-Proto): HSTS and upgrades apply. */
  https: boolean;
  /** `next dev`: React needs eval for its debugging stacks and the dev server a websocket. */
  development: boolean;
  /**
   * Origins a form on our pages may post to besides our own (CSP form-action also governs the
   * redirects after such a post, e.g. a sign-in form that redirects to an identity provider).
   * The hook for SSO: RIPOSTE_CSP_FORM_ACTION in server/env.ts.
   */
  extraFormActionOrigins?: readonly string[];
}

/** 128 random bits, base64: the CSP nonce-source grammar allows base64 characters. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': only scripts carrying this request's nonce run, and what they load;
    // an injected <script> or inline handler has no nonce and is refused.
    ['script-src', "'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'", ...(o.development ? ["'unsafe-eval'"] : [])],
    // <style> elements need the nonce (Next.js adds it to the ones it writes)...
    ['style-src', "'self'", `'nonce-${o.nonce}'`],
    // ...but React Flow and our progress bars position things with style="" attributes, which
    // cannot carry a nonce. Attribute styles cannot run script, so this is the narrow opening.
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(o.development ? ['ws:', 'wss:'] : [])],
    ['frame-src', "'self'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'", ...(o.extraFormActionOrigins ?? [])],
    ['base-uri', "'none'"],
    ['object-src', "'none'"],
    ...(o.https ? ([['upgrade-insecure-requests']] as [string][]) : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(o),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Older browsers that ignore frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Only over https: on plain http a browser ignores it, and a local http install must keep working.
    ...(o.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** https as the browser sees it: the first X-Forwarded-Proto hop (a TLS-terminating proxy) or the URL. */
export function isHttpsRequest(forwardedProto: string | null, urlProtocol: string): boolean {
  const first = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  return first ? first === 'https' : urlProtocol === 'https:';
}

/** Origins from a comma-separated list; anything that is not an http(s) origin is dropped. */
export function parseOriginList(raw: string | undefined): string[] {
  if (!raw) return [];
  const origins: string[] = [];
  for (const part of raw.split(',')) {
    const s = part.trim();
    if (!s) continue;
    try {
      const u = new URL(s);
      if (u.protocol === 'https:' || u.protocol === 'http:') origins.push(u.origin);
    } catch {
      // not a URL: ignored (env.ts validates the variable at start-up)
    }
  }
  return origins;
}
