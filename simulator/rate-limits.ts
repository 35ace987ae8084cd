// MDE's published per-API rate limits (reference/defender-api.md B.4), as the simulator enforces
// them. Written independently of the client's table (server/defender/rate-limit) on purpose: the
// simulator plays Microsoft, and a contract test checks that both sides agree.

export const SIM_API_FAMILIES = ['alerts', 'alertCreate', 'machines', 'packageUri', 'liveResponse', 'indicators', 'hunting', 'default'] as const;
export type SimApiFamily = (typeof SIM_API_FAMILIES)[number];

export interface SimFamilyLimit {
  perMinute: number;
  perHour: number;
}

export const SIM_PUBLISHED_LIMITS: Record<SimApiFamily, SimFamilyLimit> = {
  alerts: { perMinute: 100, perHour: 1500 },
  alertCreate: { perMinute: 15, perHour: 900 },
  machines: { perMinute: 100, perHour: 1500 },
  packageUri: { perMinute: 2, perHour: 120 },
  liveResponse: { perMinute: 10, perHour: 600 },
  indicators: { perMinute: 100, perHour: 1500 },
  hunting: { perMinute: 45, perHour: 1500 },
  default: { perMinute: 100, perHour: 1500 },
};

/** Families whose published per-minute limit is the common 100; `rateLimitPerMinute` scales these. */
export const HUNDRED_PER_MINUTE: readonly SimApiFamily[] = ['alerts', 'machines', 'indicators', 'default'];

/** The API a request belongs to, from MDE's route (`/api/...`, optionally `/api/v1.0/...`). */
export function simFamilyOf(method: string, path: string): SimApiFamily {
  const lower = path.toLowerCase();
  if (/\/security\/runhuntingquery\/?$/.test(lower)) return 'hunting';
  const m = /^\/api\/(?:v1\.0\/)?([^/]+)(\/.*)?$/.exec(lower);
  if (!m) return 'default';
  const [, collection, rest = ''] = m;
  switch (collection) {
    case 'advancedqueries':
      return 'hunting';
    case 'alerts':
      return rest === '/createalertbyreference' ? 'alertCreate' : 'alerts';
    case 'machineactions':
      return method.toUpperCase() === 'GET' && /^\/[^/]+\/getpackageuri\/?$/.test(rest) ? 'packageUri' : 'machines';
    case 'machines':
      return method.toUpperCase() === 'POST' && /^\/[^/]+\/runliveresponse\/?$/.test(rest) ? 'liveResponse' : 'machines';
    case 'indicators':
      return 'indicators';
    default:
      return 'default';
  }
}
