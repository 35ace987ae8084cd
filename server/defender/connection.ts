// A Defender connection as stored by the app (design.md §7), with Microsoft's public
// cloud as the default hosts so sovereign clouds and the simulator only override them.
import { mdeScopeFor } from '@/core/defender/clouds';
import type { PermissionApi } from '@/core/defender/permissions';

export interface DefenderConnection {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://api.securitycenter.microsoft.com */
  apiBaseUrl?: string;
  /** Default https://login.microsoftonline.com */
  authorityHost?: string;
  /** Microsoft Graph host, default https://graph.microsoft.com (sovereign clouds have their own). */
  graphBaseUrl?: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.securitycenter.microsoft.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** One token serves api.securitycenter and api.security hosts (B.2); US Government clouds have their own (core/defender/clouds.ts). */
export const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function apiBaseUrlOf(conn: DefenderConnection): string {
  return withoutTrailingSlash(conn.apiBaseUrl || DEFAULT_API_BASE_URL);
}

export function authorityHostOf(conn: DefenderConnection): string {
  return withoutTrailingSlash(conn.authorityHost || DEFAULT_AUTHORITY_HOST);
}

export function graphBaseUrlOf(conn: DefenderConnection): string {
  return withoutTrailingSlash(conn.graphBaseUrl || DEFAULT_GRAPH_BASE_URL);
}

/**
 * Graph's resource id is its host in every cloud (graph.microsoft.com, graph.microsoft.us,
 * microsoftgraph.chinacloudapi.cn), so the scope follows the configured Graph base URL.
 */
export function graphScopeOf(conn: DefenderConnection): string {
  const base = graphBaseUrlOf(conn);
  try {
    return `${new URL(base).origin}/.default`;
  } catch {
    return `${base}/.default`;
  }
}

/** Where one API lives and which token it takes: the MDE API or Microsoft Graph. */
export interface ApiEndpoint {
  baseUrl: string;
  scope: string;
  /** Names the API in error messages. */
  label: string;
  /** Whose application permissions its token carries (a 403's fix names the API to grant them under). */
  api: PermissionApi;
  /** Per-request timeout; default 60 s. Hunting queries may run for minutes (B.8, B.10). */
  timeoutMs?: number;
}

export function mdeEndpointOf(conn: DefenderConnection): ApiEndpoint {
  const baseUrl = apiBaseUrlOf(conn);
  // The token's resource follows the cloud: a GCC High API only accepts a GCC High token.
  return { baseUrl, scope: mdeScopeFor(baseUrl), label: 'Defender API', api: 'mde' };
}

export function graphEndpointOf(conn: DefenderConnection): ApiEndpoint {
  return { baseUrl: graphBaseUrlOf(conn), scope: graphScopeOf(conn), label: 'Microsoft Graph', api: 'graph' };
}
