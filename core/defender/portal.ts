// Links into the Microsoft Defender portal. The portal host follows the cloud of the Defender
// connection that produced the alert, recognised from the connection's API and Graph hosts:
// US Government GCC High uses security.microsoft.us and DoD security.apps.mil (both call the
// api-gov MDE host; DoD is told apart by its dod-graph Graph host). Commercial, GCC (which
// shares the commercial portal) and any unrecognised host (the simulator, a proxy) use
// security.microsoft.com.

export const COMMERCIAL_PORTAL = 'https://security.microsoft.com';

const hostOf = (url: string | undefined): string => {
  if (url === undefined) return '';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

export function defenderPortalBase(connection?: { apiBaseUrl?: string; graphBaseUrl?: string } | null): string {
  const api = hostOf(connection?.apiBaseUrl);
  if (api === 'api-gov.securitycenter.microsoft.us') {
    return hostOf(connection?.graphBaseUrl) === 'dod-graph.microsoft.us' ? 'https://security.apps.mil' : 'https://security.microsoft.us';
  }
  return COMMERCIAL_PORTAL;
}

/** The alert's page in the Defender portal; the id is URL-encoded (it is data from Defender). */
export function defenderAlertUrl(alertId: string, connection?: { apiBaseUrl?: string; graphBaseUrl?: string } | null): string {
  return `${defenderPortalBase(connection)}/alerts/${encodeURIComponent(alertId)}`;
}
