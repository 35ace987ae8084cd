// Live response (`runliveresponse`), the download link of a live response command's result, and
// the investigation package link (`getPackageUri`: 404 until the collection completed). Links
// are fake but shaped like Microsoft's (short-lived SAS-style tokens); nothing is executed.
import { randomBytes } from 'node:crypto';
import { guid } from './ids';
import { jsonObjectBody, isPlainObject, sendJson, sendMdeError } from './http-util';
import { actionStatus, actionView, isActive } from './machine-actions';
import type { Route, RouteContext } from './route';
import { findMachine } from './state';
import type { SimActionRecord, SimLiveResponseCommand } from './types';

/** The tenant's live response library: RunScript of any other name fails on the device. */
export const SIM_LIVE_RESPONSE_LIBRARY = ['collect-triage.ps1', 'minidump.ps1', 'get-running-processes.ps1', 'remove-persistence.ps1', 'collect-logs.sh'];

/** Param keys per command type: required ones first, then optional ones (B.7, run-live-response). */
const COMMAND_PARAMS: Record<string, { required: string[]; optional: string[] }> = {
  PutFile: { required: ['FileName'], optional: [] },
  RunScript: { required: ['ScriptName'], optional: ['Args'] },
  GetFile: { required: ['Path'], optional: [] },
};
const MACHINE_READ = ['Machine.Read.All', 'Machine.ReadWrite.All'];
const LINK_LIFETIME_MS = 30 * 60_000;

/** The commands of the body, or the 400 message. */
function parseCommands(value: unknown): SimLiveResponseCommand[] | string {
  if (!Array.isArray(value) || value.length === 0) return "Parameter 'Commands' must be a non-empty array.";
  const commands: SimLiveResponseCommand[] = [];
  for (const [i, raw] of value.entries()) {
    if (!isPlainObject(raw) || typeof raw.type !== 'string' || !Array.isArray(raw.params)) return `Commands[${i}] must be { type, params: [ { key, value } ] }.`;
    const spec = COMMAND_PARAMS[raw.type];
    if (!spec) return `Commands[${i}]: invalid type '${raw.type}'. Allowed: ${Object.keys(COMMAND_PARAMS).join(', ')}.`;
    const params: SimLiveResponseCommand['params'] = [];
    for (const p of raw.params) {
      if (!isPlainObject(p) || typeof p.key !== 'string' || typeof p.value !== 'string') return `Commands[${i}].params must be [ { key, value } ] with string values.`;
      if (![...spec.required, ...spec.optional].includes(p.key)) return `Commands[${i}]: invalid param key '${p.key}' for ${raw.type}. Param keys are case-sensitive.`;
      params.push({ key: p.key, value: p.value });
    }
    const missing = spec.required.find((key) => !params.some((p) => p.key === key && p.value.trim() !== ''));
    if (missing) return `Commands[${i}]: required param '${missing}' is missing for ${raw.type}.`;
    commands.push({ type: raw.type, params });
  }
  return commands;
}

/** Where a command would fail on the device: a script that is not in the library. */
function failureOf(commands: SimLiveResponseCommand[]): SimActionRecord['failure'] {
  const index = commands.findIndex((c) => c.type === 'RunScript' && !SIM_LIVE_RESPONSE_LIBRARY.includes(c.params.find((p) => p.key === 'ScriptName')?.value ?? ''));
  if (index < 0) return undefined;
  const name = commands[index]?.params.find((p) => p.key === 'ScriptName')?.value ?? '';
  return { commandIndex: index, message: `Script '${name}' was not found in the live response library.` };
}

function runLiveResponse(ctx: RouteContext): void {
  const parsed = jsonObjectBody(ctx.bodyText);
  if (!parsed.ok) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  const body = parsed.body;
  const unknown = Object.keys(body).find((k) => k !== 'Commands' && k !== 'Comment');
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  if (typeof body.Comment !== 'string' || body.Comment.trim() === '') return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Comment' is missing.");
  if (body.Commands === undefined) return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Commands' is missing.");
  const commands = parseCommands(body.Commands);
  if (typeof commands === 'string') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', commands);
  const machine = findMachine(ctx.state, ctx.params[0] ?? '');
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  const now = Date.now();
  // One live response session per device at a time (run-live-response.md, limitation 8).
  if (ctx.state.actions.some((a) => a.machineId === machine.id && a.type === 'LiveResponse' && isActive(a, now))) {
    return sendMdeError(ctx.res, 400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
  }
  const failure = failureOf(commands);
  const record: SimActionRecord = {
    id: guid(ctx.state.settings.random),
    type: 'LiveResponse',
    scope: null,
    requestor: ctx.state.settings.clientId,
    requestorComment: body.Comment,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAtMs: now,
    latencyMs: ctx.state.settings.actionLatencyMs,
    commands,
    ...(failure ? { failure } : {}),
  };
  ctx.state.actions.push(record);
  sendJson(ctx.res, 201, { '@odata.context': `${ctx.origin}/api/$metadata#MachineActions/$entity`, ...actionView(record, now) });
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

function expiry(now: number): string {
  return encodeURIComponent(new Date(now + LINK_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'));
}

function resultLink(ctx: RouteContext): void {
  const record = ctx.state.actions.find((a) => a.id === ctx.params[0]);
  if (!record || record.type !== 'LiveResponse') return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Live response action ${ctx.params[0]} was not found`);
  const index = Number(ctx.params[1]);
  const now = Date.now();
  const command = actionView(record, now).commands[index];
  if (!command) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Command index ${index} does not exist in action ${record.id}`);
  // Like the package link: a result exists only once its command completed.
  if (command.commandStatus !== 'Completed') return sendMdeError(ctx.res, 404, 'ResourceNotFound', `The result of command ${index} is not available (command status: ${command.commandStatus}).`);
  const blob = `${ctx.state.settings.tenantId}/CustomPlaybookCommandOutput/${record.id.replace(/-/g, '')}_${index}`;
  sendJson(ctx.res, 200, {
    '@odata.context': `${ctx.origin}/api/$metadata#Edm.String`,
    value: `https://riposte-sim.blob.core.windows.net/investigation-actions-data/${blob}?se=${expiry(now)}&sp=r&sv=2019-07-07&sr=b&sig=${token()}`,
  });
}

function packageUri(ctx: RouteContext): void {
  const record = ctx.state.actions.find((a) => a.id === ctx.params[0]);
  if (!record || record.type !== 'CollectInvestigationPackage') return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Investigation package collection ${ctx.params[0]} was not found`);
  // The package exists only once the collection succeeded (get-package-sas-uri.md).
  const { status } = actionStatus(record, Date.now());
  if (status !== 'Succeeded') return sendMdeError(ctx.res, 404, 'ResourceNotFound', `The investigation package of action ${record.id} is not available (action status: ${status}).`);
  sendJson(ctx.res, 200, {
    '@odata.context': `${ctx.origin}/api/$metadata#Edm.String`,
    value: `https://userrequests-us.securitycenter.windows.com:443/safedownload/WDATP_Investigation_Package.zip?token=${token()}&se=${expiry(Date.now())}`,
  });
}

export function liveResponseRoutes(api: (path: string) => RegExp): Route[] {
  return [
    { method: 'POST', pattern: api('/machines/([^/]+)/runliveresponse'), handle: runLiveResponse },
    { method: 'GET', pattern: api('/machineactions/([^/]+)/GetLiveResponseResultDownloadLink\\(index=(\\d+)\\)'), handle: resultLink },
    { method: 'GET', pattern: api('/machineactions/([^/]+)/getPackageUri'), handle: packageUri },
  ];
}
