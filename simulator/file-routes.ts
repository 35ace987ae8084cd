// Files (get-file-information.md, -statistics, -related-alerts, -related-machines) and the IP and
// domain statistics (A.2 #13-15), answered from the simulator's alerts: a file, IP or domain is
// "seen in the org" on the devices of alerts that carry it as evidence.
import { isIP } from 'node:net';
import { alertDomains, alertIps, fileEntity, findFile, type KnownFile } from './entity-fixtures';
import { sendJson, sendMdeError } from './http-util';
import { sendCollection } from './paging';
import { caseInsensitive, type Route, type RouteContext } from './route';
import type { SimAlert } from './types';

const HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
// get-*-statistics.md: lookBackHours defaults to 30 days and may not exceed it.
const MAX_LOOKBACK_HOURS = 720;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const statsContext = (ctx: RouteContext, type: string) => `${ctx.origin}/api/$metadata#microsoft.windowsDefenderATP.api.${type}`;

/** The lookBackHours window start (ms), or null after answering 400. */
function windowStart(ctx: RouteContext): number | null {
  const raw = ctx.url.searchParams.get('lookBackHours');
  if (raw === null) return Date.now() - MAX_LOOKBACK_HOURS * 3_600_000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LOOKBACK_HOURS) {
    sendMdeError(ctx.res, 400, 'InvalidInput', `Invalid lookBackHours '${raw}': a whole number of hours from 1 to ${MAX_LOOKBACK_HOURS} is expected.`);
    return null;
  }
  return Date.now() - Number(raw) * 3_600_000;
}

/** Prevalence over the alerts in the window: distinct devices, first and last event. */
function prevalence(alerts: SimAlert[], sinceMs: number) {
  const inWindow = alerts.filter((a) => Date.parse(a.lastEventTime) >= sinceMs);
  if (inWindow.length === 0) return { organizationPrevalence: 0, orgFirstSeen: null, orgLastSeen: null };
  return {
    organizationPrevalence: new Set(inWindow.map((a) => a.machineId)).size,
    orgFirstSeen: new Date(Math.min(...inWindow.map((a) => Date.parse(a.firstEventTime)))).toISOString(),
    orgLastSeen: new Date(Math.max(...inWindow.map((a) => Date.parse(a.lastEventTime)))).toISOString(),
  };
}

/** Runs `handle` with the file of the path: 400 InvalidHashValue for a non-hash, 404 when unknown. */
function forFile(handle: (ctx: RouteContext, file: KnownFile) => void) {
  return (ctx: RouteContext) => {
    const hash = ctx.params[0] ?? '';
    if (!HASH.test(hash)) return sendMdeError(ctx.res, 400, 'InvalidHashValue', `Invalid file hash '${hash}': a SHA-1 or SHA-256 is expected.`);
    const file = findFile(ctx.state, hash);
    if (!file) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `File ${hash} was not found`);
    handle(ctx, file);
  };
}

const getFile = forFile((ctx, file) => sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Files/$entity`, ...fileEntity(file) }));

const fileStats = forFile((ctx, file) => {
  const since = windowStart(ctx);
  if (since === null) return;
  const info = fileEntity(file);
  const names = [...new Set(file.alerts.flatMap((a) => a.evidence.filter((e) => e.sha1 === file.evidence.sha1 && e.fileName).map((e) => (e.fileName as string).toLowerCase())))];
  sendJson(ctx.res, 200, {
    '@odata.context': statsContext(ctx, 'InOrgFileStats'),
    sha1: info.sha1,
    globalPrevalence: info.globalPrevalence,
    globalFirstObserved: info.globalFirstObserved,
    globalLastObserved: info.globalLastObserved,
    ...prevalence(file.alerts, since),
    topFileNames: names,
  });
});

const fileAlerts = forFile((ctx, file) => {
  const records = file.alerts.map(({ evidence: _omitted, ...alert }) => alert);
  sendCollection(ctx, { entitySet: 'Alerts', records, schema: {} });
});

const fileMachines = forFile((ctx, file) => {
  const ids = new Set(file.alerts.map((a) => a.machineId));
  sendCollection(ctx, { entitySet: 'Machines', records: ctx.state.machines.filter((m) => ids.has(m.id)), schema: {} });
});

function ipStats(ctx: RouteContext): void {
  const ip = ctx.params[0] ?? '';
  if (isIP(ip) === 0) return sendMdeError(ctx.res, 400, 'InvalidIpAddress', `Invalid IP address '${ip}'.`);
  const since = windowStart(ctx);
  if (since === null) return;
  // A valid address nobody contacted is prevalence 0, not 404 (get-ip-statistics.md).
  const alerts = ctx.state.alerts.filter((a) => alertIps(a).includes(ip));
  sendJson(ctx.res, 200, { '@odata.context': statsContext(ctx, 'InOrgIPStats'), ipAddress: ip, ...prevalence(alerts, since) });
}

function domainStats(ctx: RouteContext): void {
  const domain = (ctx.params[0] ?? '').toLowerCase();
  if (!DOMAIN.test(domain)) return sendMdeError(ctx.res, 400, 'InvalidDomainName', `Invalid domain name '${ctx.params[0]}'.`);
  const since = windowStart(ctx);
  if (since === null) return;
  const alerts = ctx.state.alerts.filter((a) => alertDomains(a).includes(domain));
  sendJson(ctx.res, 200, { '@odata.context': statsContext(ctx, 'InOrgDomainStats'), host: domain, ...prevalence(alerts, since) });
}

export function fileRoutes(api: (path: string) => RegExp): Route[] {
  const route = (path: string, handle: (ctx: RouteContext) => void): Route => ({ method: 'GET', pattern: caseInsensitive(api(path)), handle });
  return [
    route('/files/([^/]+)', getFile),
    route('/files/([^/]+)/stats', fileStats),
    route('/files/([^/]+)/alerts', fileAlerts),
    route('/files/([^/]+)/machines', fileMachines),
    route('/ips/([^/]+)/stats', ipStats),
    route('/domains/([^/]+)/stats', domainStats),
  ];
}
