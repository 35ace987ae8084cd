// The slice of Microsoft Entra ID that MSAL's client-credentials flow touches:
// authority metadata (OpenID configuration, instance discovery) and the v2.0 token
// endpoint, with Entra's error bodies and AADSTS codes.
import { randomUUID } from 'node:crypto';
import type { Route, RouteContext } from './route';
import { sendJson } from './http-util';
import { issueToken, TOKEN_LIFETIME_SECONDS } from './token-issuer';
import type { TokenAudience } from './types';

// Scopes Microsoft documents for the MDE API (B.2); one token serves both hosts.
const MDE_SCOPES = new Set([
  'https://api.securitycenter.microsoft.com/.default',
  'https://api.security.microsoft.com/.default',
  'https://securitycenter.onmicrosoft.com/windowsatpservice/.default',
]);

/** The simulator also plays Microsoft Graph, under its own origin like a sovereign cloud's Graph host. */
function audienceOfScope(scope: string, origin: string): TokenAudience | null {
  if (MDE_SCOPES.has(scope)) return 'mde';
  if (scope === 'https://graph.microsoft.com/.default' || scope === `${origin}/.default`) return 'graph';
  return null;
}

function sendEntraError(ctx: RouteContext, status: number, error: string, aadsts: number, text: string): void {
  const correlationId = String(ctx.req.headers['client-request-id'] ?? randomUUID());
  const traceId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  sendJson(ctx.res, status, {
    error,
    error_description: `AADSTS${aadsts}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${ctx.origin}/error?code=${aadsts}`,
  });
}

function isKnownTenant(ctx: RouteContext, tenant: string): boolean {
  return tenant.toLowerCase() === ctx.state.settings.tenantId.toLowerCase();
}

function unknownTenant(ctx: RouteContext, tenant: string): void {
  sendEntraError(ctx, 400, 'invalid_tenant', 90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
}

function openIdConfiguration(ctx: RouteContext): void {
  const [tenant] = ctx.params;
  if (!isKnownTenant(ctx, tenant)) return unknownTenant(ctx, tenant);
  const base = `${ctx.origin}/${tenant}`;
  sendJson(ctx.res, 200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'roles'],
    tenant_region_scope: 'EU',
    cloud_instance_name: new URL(ctx.origin).hostname,
  });
}

function instanceDiscovery(ctx: RouteContext): void {
  // MSAL asks with ?authorization_endpoint=https://host/{tenant}/oauth2/v2.0/authorize.
  const endpoint = ctx.url.searchParams.get('authorization_endpoint') ?? '';
  const tenant = /^https?:\/\/[^/]+\/([^/]+)\//.exec(endpoint)?.[1] ?? ctx.state.settings.tenantId;
  const host = new URL(ctx.origin).host;
  sendJson(ctx.res, 200, {
    tenant_discovery_endpoint: `${ctx.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

function token(ctx: RouteContext): void {
  const [tenant] = ctx.params;
  const form = new URLSearchParams(ctx.bodyText);
  const { settings } = ctx.state;
  if (!isKnownTenant(ctx, tenant)) return unknownTenant(ctx, tenant);
  if (form.get('grant_type') !== 'client_credentials') {
    return sendEntraError(ctx, 400, 'unsupported_grant_type', 70003,
      'The app requested an unsupported grant type; this simulator implements client_credentials only.');
  }
  const clientId = form.get('client_id') ?? '';
  // The tenant's main app registration, or one added under /_sim/clients.
  const extra = settings.clients[clientId.toLowerCase()];
  const expectedSecret = extra ? extra.clientSecret : settings.clientSecret;
  if (!extra && clientId.toLowerCase() !== settings.clientId.toLowerCase()) {
    return sendEntraError(ctx, 400, 'unauthorized_client', 700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  }
  const secret = form.get('client_secret');
  if (!secret) {
    return sendEntraError(ctx, 401, 'invalid_client', 7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
  }
  if (secret !== expectedSecret) {
    return sendEntraError(ctx, 401, 'invalid_client', 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${extra ? extra.clientId : settings.clientId}'.`);
  }
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const resourceScopes = scopes.filter((s) => !['openid', 'profile', 'offline_access'].includes(s));
  const audience = resourceScopes.length === 1 ? audienceOfScope(resourceScopes[0], ctx.origin) : null;
  if (!audience) {
    return sendEntraError(ctx, 400, 'invalid_scope', 1002012,
      `The provided value for scope ${resourceScopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  sendJson(ctx.res, 200, {
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: issueToken(ctx.state, Date.now(), audience, extra ? extra.clientId : settings.clientId),
  });
}

export const entraRoutes: Route[] = [
  { method: 'GET', pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, handle: openIdConfiguration },
  { method: 'GET', pattern: /^\/common\/discovery\/instance$/, handle: instanceDiscovery },
  { method: 'GET', pattern: /^\/([^/]+)\/discovery\/v2\.0\/keys$/, handle: (ctx) => sendJson(ctx.res, 200, { keys: [] }) },
  { method: 'POST', pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, handle: token },
];
