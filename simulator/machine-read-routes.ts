// Reads around one device or a set of devices: find by tag, find by internal IP at a time,
// logged-on users, the device's alerts, installed software and vulnerabilities (TVM). These
// must be matched before `GET /machines/{id}`, which would take "findbytag" for a machine id.
import { isIP } from 'node:net';
import { sendMdeError } from './http-util';
import { logonUsersOf, softwareOf, vulnerabilitiesOf } from './machine-inventory';
import { sendCollection } from './paging';
import type { Route, RouteContext } from './route';
import { alertsByCreation, findMachine } from './state';
import type { SimMachine } from './types';

const MACHINE_READ = ['Machine.Read.All', 'Machine.ReadWrite.All'];
// The docs: seen within 15 minutes before or after the timestamp, which must be in the past 30 days.
const IP_WINDOW_MS = 15 * 60_000;
const IP_LOOKBACK_MS = 30 * 86_400_000;

function findByTag(ctx: RouteContext): void {
  const tag = ctx.url.searchParams.get('tag');
  if (tag === null || tag.trim() === '') return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'tag' is missing.");
  const startsWith = (ctx.url.searchParams.get('useStartsWithFilter') ?? 'false').toLowerCase();
  if (startsWith !== 'true' && startsWith !== 'false') return sendMdeError(ctx.res, 400, 'InvalidInput', "Parameter 'useStartsWithFilter' must be true or false.");
  const wanted = tag.toLowerCase();
  const matches = (t: string) => (startsWith === 'true' ? t.toLowerCase().startsWith(wanted) : t.toLowerCase() === wanted);
  sendCollection(ctx, { entitySet: 'Machines', records: ctx.state.machines.filter((m) => m.machineTags.some(matches)), schema: {} });
}

/** The simulator keeps no IP history: a device had its current addresses from first seen until now. */
function hadIpAround(machine: SimMachine, ip: string, atMs: number, nowMs: number): boolean {
  const has = machine.lastIpAddress === ip || machine.ipAddresses.some((a) => a.ipAddress === ip);
  return has && atMs + IP_WINDOW_MS >= Date.parse(machine.firstSeen) && atMs - IP_WINDOW_MS <= nowMs;
}

function findByIp(ctx: RouteContext): void {
  const [ip = '', timestamp = ''] = ctx.params;
  if (isIP(ip) === 0) return sendMdeError(ctx.res, 400, 'InvalidIpAddress', `'${ip}' is not a valid IP address.`);
  const atMs = Date.parse(timestamp);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(timestamp) || Number.isNaN(atMs)) return sendMdeError(ctx.res, 400, 'InvalidInput', `Invalid timestamp '${timestamp}'.`);
  const now = Date.now();
  if (atMs < now - IP_LOOKBACK_MS || atMs > now + IP_WINDOW_MS) return sendMdeError(ctx.res, 400, 'BadRequest', 'The given timestamp must be within the past 30 days.');
  sendCollection(ctx, { entitySet: 'Machines', records: ctx.state.machines.filter((m) => hadIpAround(m, ip, atMs, now)), schema: {} });
}

/** The device of the path, or a 404 already sent. */
function machineOf(ctx: RouteContext): SimMachine | undefined {
  const machine = findMachine(ctx.state, ctx.params[0] ?? '');
  if (!machine) sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  return machine;
}

function logonUsers(ctx: RouteContext): void {
  const machine = machineOf(ctx);
  if (machine) sendCollection(ctx, { entitySet: 'Users', records: logonUsersOf(machine), schema: {} });
}

function machineAlerts(ctx: RouteContext): void {
  const machine = machineOf(ctx);
  if (!machine) return;
  // Like the alert list, without evidence.
  const records = alertsByCreation(ctx.state).filter((a) => a.machineId === machine.id).map(({ evidence: _omitted, ...alert }) => alert);
  sendCollection(ctx, { entitySet: 'Alerts', records, schema: {} });
}

function software(ctx: RouteContext): void {
  const machine = machineOf(ctx);
  if (machine) sendCollection(ctx, { entitySet: 'Software', records: softwareOf(machine, ctx.state.machines, ctx.state.alerts), schema: {} });
}

function vulnerabilities(ctx: RouteContext): void {
  const machine = machineOf(ctx);
  if (machine) {
    sendCollection(ctx, { entitySet: 'Collection(Analytics.Contracts.PublicAPI.PublicVulnerabilityDto)', records: vulnerabilitiesOf(machine, ctx.state.machines), schema: {} });
  }
}

export function machineReadRoutes(api: (path: string) => RegExp): Route[] {
  return [
    { method: 'GET', pattern: api('/machines/findbytag'), handle: findByTag },
    { method: 'GET', pattern: api("/machines/findbyip\\(ip='([^']*)',timestamp=([^)]*)\\)"), handle: findByIp },
    { method: 'GET', pattern: api('/machines/([^/]+)/logonusers'), handle: logonUsers },
    { method: 'GET', pattern: api('/machines/([^/]+)/alerts'), handle: machineAlerts },
    { method: 'GET', pattern: api('/machines/([^/]+)/software'), handle: software },
    { method: 'GET', pattern: api('/machines/([^/]+)/vulnerabilities'), handle: vulnerabilities },
  ];
}
