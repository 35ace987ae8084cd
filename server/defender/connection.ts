// A Defender connection as stored by the app (design.md §7), with Microsoft's public
// cloud as the default hosts so sovereign clouds and the simulator only override them.

export interface DefenderConnection {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://api.securitycenter.microsoft.com */
  apiBaseUrl?: string;
  /** Default https://login.microsoftonline.com */
  authorityHost?: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.securitycenter.microsoft.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** One token serves api.securitycenter and api.security hosts (B.2). */
export const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function apiBaseUrlOf(conn: DefenderConnection): string {
  return withoutTrailingSlash(conn.apiBaseUrl || DEFAULT_API_BASE_URL);
}

export function authorityHostOf(conn: DefenderConnection): string {
  return withoutTrailingSlash(conn.authorityHost || DEFAULT_AUTHORITY_HOST);
}
