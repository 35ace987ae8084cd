// The redirect URI registered in Entra ID: RIPOSTE_PUBLIC_URL when set (the address people use,
// behind a proxy too), else the origin of the request. The identity provider only ever sends
// the browser back to a URI registered exactly, so a forged Host header cannot take a code elsewhere.
import { SSO_CALLBACK_PATH } from './flow-state';

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function publicOrigin(publicUrl: string | undefined, headers: Headers): string | null {
  if (publicUrl) return new URL(publicUrl).origin;
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]!.trim();
  if (!HOST.test(host)) return null;
  const proto = (headers.get('x-forwarded-proto') ?? '').split(',')[0]!.trim();
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

export function ssoRedirectUri(publicUrl: string | undefined, headers: Headers): string | null {
  const origin = publicOrigin(publicUrl, headers);
  return origin ? `${origin}${SSO_CALLBACK_PATH}` : null;
}
