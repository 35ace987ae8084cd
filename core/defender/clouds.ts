// Microsoft clouds a Defender connection can live in, and the hosts each one uses.
//
// Sources (checked, not guessed):
// - MDE API and sign-in per US Government cloud: Microsoft Learn "Microsoft Defender for Endpoint
//   for US Government customers", section API (MicrosoftDocs/defender-docs defender-endpoint/gov.md):
//   GCC sign-in https://login.microsoftonline.com, API https://api-gcc.securitycenter.microsoft.us;
//   GCC High and DoD sign-in https://login.microsoftonline.us, API https://api-gov.securitycenter.microsoft.us.
// - Microsoft Graph per cloud: Microsoft Learn "Microsoft Graph national cloud deployments"
//   (graph/deployments): global https://graph.microsoft.com, US Government L4 (GCC High)
//   https://graph.microsoft.us, L5 (DoD) https://dod-graph.microsoft.us. GCC (moderate) tenants
//   live in the commercial Graph.
// - Token resource: commercial tokens are requested for https://api.securitycenter.microsoft.com
//   and serve both commercial hosts (reference B.2). The gov page lists hosts only; the audience of
//   a US Government token is the government API host itself (community guides for GCC and GCC High
//   quote "GCC Audience = https://api-gcc.securitycenter.microsoft.us", "GCCH Audience =
//   https://api-gov.securitycenter.microsoft.us"), so its scope is that host + "/.default".
// - Graph scopes use the Graph host of the cloud ("Access national cloud deployments with the
//   Microsoft Graph SDKs": scopes MUST use the national cloud's Graph domain).
import { z } from 'zod';

export const DEFENDER_CLOUDS = ['commercial', 'gcc', 'gcc-high', 'dod', 'custom'] as const;
export type DefenderCloud = (typeof DEFENDER_CLOUDS)[number];
export const ZDefenderCloud = z.enum(DEFENDER_CLOUDS);

export interface CloudPreset {
  label: string;
  /** MDE API base URL. */
  apiBaseUrl: string;
  /** Microsoft Entra ID authority host for client-credentials tokens. */
  authorityHost: string;
  /** Microsoft Graph base URL (hunting through Graph). */
  graphBaseUrl: string;
  /** Scope of the MDE token (client-credentials: resource + "/.default"). */
  mdeScope: string;
  /** Scope of the Graph token. */
  graphScope: string;
}

const COMMERCIAL_MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export const CLOUD_PRESETS: Record<Exclude<DefenderCloud, 'custom'>, CloudPreset> = {
  commercial: {
    label: 'Commercial',
    apiBaseUrl: 'https://api.securitycenter.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    mdeScope: COMMERCIAL_MDE_SCOPE,
    graphScope: 'https://graph.microsoft.com/.default',
  },
  gcc: {
    label: 'US Gov GCC',
    apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    mdeScope: 'https://api-gcc.securitycenter.microsoft.us/.default',
    graphScope: 'https://graph.microsoft.com/.default',
  },
  'gcc-high': {
    label: 'US Gov GCC High',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    mdeScope: 'https://api-gov.securitycenter.microsoft.us/.default',
    graphScope: 'https://graph.microsoft.us/.default',
  },
  dod: {
    label: 'US Gov DoD',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    mdeScope: 'https://api-gov.securitycenter.microsoft.us/.default',
    graphScope: 'https://dod-graph.microsoft.us/.default',
  },
};

export const CLOUD_LABELS: Record<DefenderCloud, string> = {
  commercial: CLOUD_PRESETS.commercial.label,
  gcc: CLOUD_PRESETS.gcc.label,
  'gcc-high': CLOUD_PRESETS['gcc-high'].label,
  dod: CLOUD_PRESETS.dod.label,
  custom: 'Custom hosts',
};

/** Hosts whose MDE token is the commercial one (B.2: one token serves both commercial hosts). */
const COMMERCIAL_API_HOSTS = new Set(['api.securitycenter.microsoft.com', 'api.security.microsoft.com', 'api.securitycenter.windows.com']);

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The MDE token scope for an API base URL. Commercial hosts (including the geo hosts such as
 * us.api.security.microsoft.com) take the commercial resource; a US Government host is its own
 * resource; any other host (a private gateway, the simulator) keeps the commercial resource,
 * which is what such gateways and the simulator expect.
 */
export function mdeScopeFor(apiBaseUrl: string | undefined): string {
  const host = apiBaseUrl ? hostOf(apiBaseUrl) : null;
  if (!host || COMMERCIAL_API_HOSTS.has(host) || host.endsWith('.api.security.microsoft.com')) return COMMERCIAL_MDE_SCOPE;
  if (host.endsWith('.securitycenter.microsoft.us') || host.endsWith('.security.microsoft.us')) return `https://${host}/.default`;
  return COMMERCIAL_MDE_SCOPE;
}

/**
 * The cloud a saved connection belongs to. Connections saved before clouds existed have no
 * `cloud`: they are the preset whose three hosts they match exactly, otherwise custom.
 */
export function cloudOfConfig(config: { cloud?: unknown; apiBaseUrl?: unknown; authorityHost?: unknown; graphBaseUrl?: unknown }): DefenderCloud {
  const parsed = ZDefenderCloud.safeParse(config.cloud);
  if (parsed.success) return parsed.data;
  for (const [name, preset] of Object.entries(CLOUD_PRESETS) as [Exclude<DefenderCloud, 'custom'>, CloudPreset][]) {
    const graph = config.graphBaseUrl ?? CLOUD_PRESETS.commercial.graphBaseUrl;
    if (config.apiBaseUrl === preset.apiBaseUrl && config.authorityHost === preset.authorityHost && graph === preset.graphBaseUrl) return name;
  }
  return 'custom';
}
