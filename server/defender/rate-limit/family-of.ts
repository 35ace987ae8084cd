// Which rate-limit family an MDE request belongs to, from its method and URL path. Paths are
// matched case-insensitively (MDE routes are) after the optional base path, `/api` and `/v1.0`.
import type { ApiFamily } from './families';

const RULES: { family: ApiFamily; pattern: RegExp; method?: string }[] = [
  { family: 'hunting', pattern: /^advancedqueries(\/|$)/ },
  { family: 'alertCreate', pattern: /^alerts\/createalertbyreference$/ },
  { family: 'alerts', pattern: /^alerts(\/|$)/ },
  { family: 'packageUri', pattern: /^machineactions\/[^/]+\/getpackageuri$/, method: 'GET' },
  { family: 'liveResponse', pattern: /^machines\/[^/]+\/runliveresponse$/, method: 'POST' },
  { family: 'machines', pattern: /^(machines|machineactions)(\/|$)/ },
  { family: 'indicators', pattern: /^indicators(\/|$)/ },
];

// Graph security API (the successor of MDE advanced hunting): /v1.0/security/runHuntingQuery.
const GRAPH_HUNTING = /\/(v1\.0|beta)\/security\/runhuntingquery\/?$/;
// Everything up to and including `/api/` (and `/v1.0/` after it), so a base path in front works.
const MDE_PREFIX = /^.*?\/api\/(v\d+(\.\d+)?\/)?/;

export function apiFamilyOf(method: string, path: string): ApiFamily {
  const lower = (path.split('?')[0] ?? '').toLowerCase();
  if (GRAPH_HUNTING.test(lower)) return 'hunting';
  if (!MDE_PREFIX.test(lower)) return 'default';
  const rest = lower.replace(MDE_PREFIX, '').replace(/\/+$/, '');
  const verb = method.toUpperCase();
  for (const rule of RULES) {
    if (rule.method && rule.method !== verb) continue;
    if (rule.pattern.test(rest)) return rule.family;
  }
  return 'default';
}
