// One MSAL confidential client per SSO configuration, so the authority's discovery document is
// fetched once, not on every sign-in. A changed secret or authority makes a new key.
import { createHash } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { isMicrosoftAuthorityHost } from './clouds';
import type { SsoConfig } from './settings';

const apps = new Map<string, ConfidentialClientApplication>();
const MAX_APPS = 20;

/** Scopes asked for at sign-in: who the user is, nothing more (no API access is needed). */
export const SSO_SCOPES = ['openid', 'profile', 'email'];

export function ssoAppFor(config: SsoConfig): ConfidentialClientApplication {
  const key = [config.authorityHost, config.tenantId, config.clientId, createHash('sha256').update(config.clientSecret).digest('hex')].join('|');
  let app = apps.get(key);
  if (!app) {
    const host = new URL(config.authorityHost);
    app = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authority: `${config.authorityHost}/${config.tenantId}`,
        // A non-Microsoft host (private endpoint, the tests' local provider) serves Entra's URL
        // layout, so MSAL's default (AAD) protocol works once the host is declared known.
        ...(isMicrosoftAuthorityHost(config.authorityHost) ? {} : { knownAuthorities: [host.host] }),
      },
    });
    if (apps.size >= MAX_APPS) apps.delete(apps.keys().next().value as string);
    apps.set(key, app);
  }
  return app;
}
