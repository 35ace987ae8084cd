// Where Microsoft Entra ID signs people in, per cloud (Microsoft Learn, "National clouds").
// 'custom' is any other https authority host: a private endpoint, or the local OpenID provider
// the tests run (tests/oidc/local-provider.ts), which serves Entra's URL layout.
export const SSO_CLOUDS = {
  global: { label: 'Microsoft Entra ID (global)', authorityHost: 'https://login.microsoftonline.com' },
  'us-gov': { label: 'Azure US Government', authorityHost: 'https://login.microsoftonline.us' },
  china: { label: 'Microsoft Azure operated by 21Vianet', authorityHost: 'https://login.chinacloudapi.cn' },
  custom: { label: 'Custom authority (https)', authorityHost: '' },
} as const;

export type SsoCloud = keyof typeof SSO_CLOUDS;
export const SSO_CLOUD_IDS = Object.keys(SSO_CLOUDS) as SsoCloud[];

// Hosts MSAL knows itself; any other host must be declared in knownAuthorities, which also
// stops MSAL asking login.microsoftonline.com about it (instance discovery).
const MICROSOFT_HOSTS = new Set([
  'login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'sts.windows.net',
  'login.microsoftonline.us', 'login.usgovcloudapi.net', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn',
]);

export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

/** The issuer Entra ID writes into v2.0 id tokens for a tenant: `<host>/<tenant id>/v2.0`. */
export function expectedIssuer(authorityHost: string, tenantId: string): string {
  return `${authorityHost}/${tenantId}/v2.0`;
}
