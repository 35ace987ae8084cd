// The one table of which application roles each simulated API route accepts (reference B.2,
// B.6–B.10: one listed role is enough). The request handler checks it after the token and
// before the route, and answers 403 in MDE's words (Azure-Sentinel #13457):
// "Missing application roles. API required roles: A,B, application roles: C."
// Case-insensitive, as MDE's routes are (its own docs spell remediationTasks and remediationtasks).
const api = (rest: string) => new RegExp(`^/api(?:/v1\\.0)?${rest}$`, 'i');

const ALERT_READ = ['Alert.Read.All', 'Alert.ReadWrite.All'];
const ALERT_WRITE = ['Alert.ReadWrite.All'];
const MACHINE_READ = ['Machine.Read.All', 'Machine.ReadWrite.All'];
const INDICATORS = ['Ti.ReadWrite', 'Ti.ReadWrite.All'];
/** Cancel takes "any of the action permissions" (B.7). */
const ANY_ACTION = ['Machine.Isolate', 'Machine.Scan', 'Machine.CollectForensics', 'Machine.RestrictExecution', 'Machine.StopAndQuarantine', 'Machine.Offboard', 'Machine.LiveResponse'];

interface RoutePermission {
  method: string;
  pattern: RegExp;
  roles: readonly string[];
}

export const ROUTE_PERMISSIONS: readonly RoutePermission[] = [
  { method: 'GET', pattern: api('/alerts'), roles: ALERT_READ },
  { method: 'GET', pattern: api('/alerts/[^/]+'), roles: ALERT_READ },
  { method: 'POST', pattern: api('/alerts/batchUpdate'), roles: ALERT_WRITE },
  { method: 'PATCH', pattern: api('/alerts/[^/]+'), roles: ALERT_WRITE },
  { method: 'POST', pattern: api('/alerts/CreateAlertByReference'), roles: ALERT_WRITE },
  { method: 'GET', pattern: api('/alerts/[^/]+/machine'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/alerts/[^/]+/user'), roles: ['User.Read.All'] },
  { method: 'GET', pattern: api('/alerts/[^/]+/files'), roles: ['File.Read.All'] },
  { method: 'GET', pattern: api('/alerts/[^/]+/ips'), roles: ['Ip.Read.All'] },
  { method: 'GET', pattern: api('/alerts/[^/]+/domains'), roles: ['URL.Read.All'] },
  { method: 'GET', pattern: api('/machines'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/machines/[^/]+'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/machines/[^/]+/logonusers'), roles: ['User.Read.All'] },
  { method: 'GET', pattern: api('/machines/[^/]+/alerts'), roles: ALERT_READ },
  { method: 'GET', pattern: api('/machines/[^/]+/software'), roles: ['Software.Read.All'] },
  { method: 'GET', pattern: api('/machines/[^/]+/vulnerabilities'), roles: ['Vulnerability.Read.All'] },
  { method: 'POST', pattern: api('/machines/[^/]+/runliveresponse'), roles: ['Machine.LiveResponse'] },
  { method: 'POST', pattern: api('/machines/[^/]+/(?:isolate|unisolate)'), roles: ['Machine.Isolate'] },
  { method: 'POST', pattern: api('/machines/[^/]+/runAntiVirusScan'), roles: ['Machine.Scan'] },
  { method: 'POST', pattern: api('/machines/[^/]+/collectInvestigationPackage'), roles: ['Machine.CollectForensics'] },
  { method: 'POST', pattern: api('/machines/[^/]+/(?:restrictCodeExecution|unrestrictCodeExecution)'), roles: ['Machine.RestrictExecution'] },
  { method: 'POST', pattern: api('/machines/[^/]+/StopAndQuarantineFile'), roles: ['Machine.StopAndQuarantine'] },
  { method: 'POST', pattern: api('/machines/[^/]+/offboard'), roles: ['Machine.Offboard'] },
  { method: 'POST', pattern: api('/machines/[^/]+/tags'), roles: ['Machine.ReadWrite.All'] },
  { method: 'POST', pattern: api('/machines/[^/]+/startInvestigation'), roles: ALERT_WRITE },
  { method: 'GET', pattern: api('/machineactions'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/machineactions/[^/]+'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/machineactions/[^/]+/getPackageUri'), roles: MACHINE_READ },
  // Live response results: Machine.Read.All or Machine.ReadWrite.All for an app (Microsoft's
  // "Get live response results" page; Machine.LiveResponse is the delegated permission).
  { method: 'GET', pattern: api('/machineactions/[^/]+/GetLiveResponseResultDownloadLink\\(index=\\d+\\)'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/files/[^/]+'), roles: ['File.Read.All'] },
  { method: 'GET', pattern: api('/files/[^/]+/stats'), roles: ['File.Read.All'] },
  { method: 'GET', pattern: api('/files/[^/]+/alerts'), roles: ALERT_READ },
  { method: 'GET', pattern: api('/files/[^/]+/machines'), roles: MACHINE_READ },
  { method: 'GET', pattern: api('/ips/[^/]+/stats'), roles: ['Ip.Read.All'] },
  { method: 'GET', pattern: api('/domains/[^/]+/stats'), roles: ['URL.Read.All'] },
  { method: 'GET', pattern: api('/remediationtasks(?:/[^/]+(?:/machinereferences)?)?'), roles: ['RemediationTasks.Read.All'] },
  { method: 'POST', pattern: api('/machineactions/[^/]+/cancel'), roles: ANY_ACTION },
  { method: 'GET', pattern: api('/investigations'), roles: ALERT_READ },
  { method: 'GET', pattern: api('/investigations/[^/]+'), roles: ALERT_READ },
  { method: 'GET', pattern: api('/indicators'), roles: INDICATORS },
  { method: 'POST', pattern: api('/indicators'), roles: INDICATORS },
  { method: 'DELETE', pattern: api('/indicators/[^/]+'), roles: INDICATORS },
  { method: 'POST', pattern: api('/advancedqueries/run'), roles: ['AdvancedQuery.Read.All'] },
  { method: 'POST', pattern: /^\/v1\.0\/security\/runHuntingQuery$/, roles: ['ThreatHunting.Read.All'] },
];

/** Every role some route accepts, per audience: what the simulated app is granted by default. */
export const ALL_MDE_ROLES: readonly string[] = [...new Set(ROUTE_PERMISSIONS.filter((r) => r.pattern.source.startsWith('^\\/api')).flatMap((r) => r.roles))].sort();

/**
 * Roles of which the token needs one for this route; null for a route not in the table (the
 * request handler then refuses it: a simulated route without an entry is a simulator bug).
 */
export function requiredRolesFor(method: string, path: string): readonly string[] | null {
  return ROUTE_PERMISSIONS.find((r) => r.method === method && r.pattern.test(path))?.roles ?? null;
}

export function missingRolesMessage(required: readonly string[], granted: readonly string[]): string {
  return `Missing application roles. API required roles: ${required.join(',')}, application roles: ${granted.join(',')}.`;
}
