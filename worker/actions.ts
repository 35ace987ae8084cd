// Action implementations, keyed by node type (design.md §3: one declaration in core's catalog,
// one implementation here). Params arrive resolved and validated by the executor.
import { ActionError } from '@/core/errors';
import type { InvokeRequest } from '@/core/execution/types';
import { sendEmail } from '@/server/mail/mailer';
import { requestApproval } from '@/server/services/approvals';
import { claimDedupKey } from '@/server/services/dedup';
import { db } from '@/server/db/client';
import { mdeClientFor } from './mde-clients';
import { WEBHOOK_ACTIONS } from './actions/webhooks';
import { httpRequestAction } from './actions/http-request';
import { runCodeAction } from './actions/run-code';
import { AttachmentError, buildAttachment, type AttachmentFormat } from '@/core/notifications/attachment';
import { defenderEntityActions } from './defender-entity-actions';
import { withStepPermission } from '@/server/defender/forbidden';
import { requiredPermission } from '@/core/defender/permissions';
import { MACHINE_ACTION_TYPES, type AlertPatch, type IndicatorInput, type MachineActionSegment } from '@/server/defender/mde-client';
import type { LiveResponseCommand } from '@/server/defender/mde-machine-client';

export type { InvokeRequest } from '@/core/execution/types';

export interface ActionContext {
  runId: string;
  flowId: string;
  /** True when this job was started before (retry or crash recovery): side effects reconcile first. */
  resumed: boolean;
}

/** The step being performed, for implementations that key state by it (approvals). */
interface StepContext extends ActionContext {
  nodeId: string;
  iteration: string;
  /** Polling a machine action this step started ("wait until finished"): its last known state. */
  resume?: unknown;
}

/** The action a waiting step started, as Defender reports it now (keeps "already requested"). */
async function pollMachineAction(connectionId: string, resume: unknown): Promise<unknown> {
  const previous = (resume ?? {}) as { id?: unknown; alreadyRequested?: unknown };
  if (typeof previous.id !== 'string') throw new ActionError('MalformedState', 'The waiting step lost the id of its machine action.');
  const action = await (await mdeClientFor(connectionId)).getMachineAction(previous.id);
  return { ...action, alreadyRequested: previous.alreadyRequested === true };
}

type ActionImpl = (params: Record<string, unknown>, ctx: StepContext) => Promise<unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

function recipients(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(str) : str(v).split(/[;,]/);
  return list.map((s) => s.trim()).filter(Boolean);
}

/**
 * MDE has no idempotency key, so machine actions carry the run id in their comment: it links the
 * action in the Defender portal back to the run, and lets a resumed run find an action it sent
 * but never recorded (design.md §5) instead of sending it again.
 */
export const runMarker = (runId: string) => `[Riposte run ${runId}]`;

type MdeClient = Awaited<ReturnType<typeof mdeClientFor>>;

/** Defender's clock may run behind ours: an investigation it stamps up to this much before the run's creation still counts. */
const CLOCK_SKEW_MS = 60_000;

async function runCreatedAt(runId: string): Promise<Date | null> {
  return (await db().run.findUnique({ where: { id: runId }, select: { createdAt: true } }))?.createdAt ?? null;
}

/**
 * The shape every machine action step shares: poll it when waiting until finished; after a crash
 * or retry, find the action this run already sent by its marker; else start it with the marker.
 */
async function reconciledMachineAction(
  p: Record<string, unknown>,
  ctx: StepContext,
  actionType: Parameters<MdeClient['findMachineActionByComment']>[1],
  start: (client: MdeClient, machineId: string, comment: string) => Promise<{ action: object; alreadyRequested: boolean }>,
): Promise<unknown> {
  if (ctx.resume !== undefined) return pollMachineAction(str(p.connectionId), ctx.resume);
  const client = await mdeClientFor(str(p.connectionId));
  const machineId = str(p.machineId);
  const marker = runMarker(ctx.runId);
  if (ctx.resumed) {
    const earlier = await client.findMachineActionByComment(machineId, actionType, marker);
    if (earlier) return { ...earlier, alreadyRequested: true };
  }
  const { action, alreadyRequested } = await start(client, machineId, `${str(p.comment)} ${marker}`);
  return { ...action, alreadyRequested };
}

/** Step type → Defender's URL segment and the body fields the step's params fill. */
const MACHINE_ACTION_STEPS: Record<string, { segment: MachineActionSegment; fields?: (p: Record<string, unknown>) => Record<string, string> }> = {
  'defender.unisolateMachine': { segment: 'unisolate' },
  'defender.runAntivirusScan': { segment: 'runAntiVirusScan', fields: (p) => ({ ScanType: p.scanType === 'Full' ? 'Full' : 'Quick' }) },
  'defender.collectInvestigationPackage': { segment: 'collectInvestigationPackage' },
  'defender.restrictAppExecution': { segment: 'restrictCodeExecution' },
  'defender.unrestrictAppExecution': { segment: 'unrestrictCodeExecution' },
  'defender.stopAndQuarantineFile': { segment: 'StopAndQuarantineFile', fields: (p) => ({ Sha1: str(p.sha1) }) },
  'defender.offboardMachine': { segment: 'offboard' },
};

/** Every machine action reconciles like isolation: the run marker finds one sent but not recorded. */
function machineActionImpls(): Record<string, ActionImpl> {
  return Object.fromEntries(
    Object.entries(MACHINE_ACTION_STEPS).map(([type, spec]) => [
      type,
      (p: Record<string, unknown>, ctx: StepContext) =>
        reconciledMachineAction(p, ctx, MACHINE_ACTION_TYPES[spec.segment], (client, machineId, comment) =>
          client.startMachineAction(machineId, spec.segment, { comment, ...(spec.fields ? { fields: spec.fields(p) } : {}) }),
        ),
    ]),
  );
}

/** Step type → the live response commands its params make (values are data, sent as JSON strings). */
const LIVE_RESPONSE_STEPS: Record<string, (p: Record<string, unknown>) => LiveResponseCommand[]> = {
  'defender.runLiveResponseScript': (p) => [{
    type: 'RunScript',
    params: [{ key: 'ScriptName', value: str(p.scriptName) }, ...(typeof p.args === 'string' && p.args !== '' ? [{ key: 'Args' as const, value: p.args }] : [])],
  }],
  'defender.liveResponseGetFile': (p) => [{ type: 'GetFile', params: [{ key: 'Path', value: str(p.path) }] }],
};

/** Live response reconciles like the other machine actions: by the run marker in its comment. */
function liveResponseImpls(): Record<string, ActionImpl> {
  return Object.fromEntries(
    Object.entries(LIVE_RESPONSE_STEPS).map(([type, commandsOf]) => [
      type,
      (p: Record<string, unknown>, ctx: StepContext) =>
        reconciledMachineAction(p, ctx, 'LiveResponse', (client, machineId, comment) => client.runLiveResponse(machineId, { comment, commands: commandsOf(p) })),
    ]),
  );
}

const list = <T>(value: T[]) => ({ value, count: value.length });

/** Reads around a device, the machine-action list and download links (no side effects). */
const MACHINE_READ_ACTIONS: Record<string, ActionImpl> = {
  'defender.findMachinesByTag': async (p) =>
    list(await (await mdeClientFor(str(p.connectionId))).findMachinesByTag(str(p.tag), { useStartsWithFilter: p.useStartsWithFilter === true, top: Number(p.top ?? 100) })),
  'defender.findMachinesByIp': async (p) =>
    list(await (await mdeClientFor(str(p.connectionId))).findMachinesByIp(str(p.ip), typeof p.timestamp === 'string' && p.timestamp !== '' ? new Date(p.timestamp) : new Date())),
  'defender.getLogonUsers': async (p) => list(await (await mdeClientFor(str(p.connectionId))).getLogonUsers(str(p.machineId))),
  'defender.listMachineAlerts': async (p) => list(await (await mdeClientFor(str(p.connectionId))).listMachineAlerts(str(p.machineId), { top: Number(p.top ?? 100) })),
  'defender.getMachineSoftware': async (p) => list(await (await mdeClientFor(str(p.connectionId))).getMachineSoftware(str(p.machineId))),
  'defender.getMachineVulnerabilities': async (p) => list(await (await mdeClientFor(str(p.connectionId))).getMachineVulnerabilities(str(p.machineId))),
  'defender.listMachineActions': async (p) =>
    list(await (await mdeClientFor(str(p.connectionId))).listMachineActions({ filter: p.filter as string | undefined, top: Number(p.top ?? 100) })),
  'defender.getLiveResponseResultLink': async (p) => ({ value: await (await mdeClientFor(str(p.connectionId))).getLiveResponseResultLink(str(p.actionId), Number(p.index ?? 0)) }),
  'defender.getInvestigationPackageUri': async (p) => ({ value: await (await mdeClientFor(str(p.connectionId))).getInvestigationPackageUri(str(p.actionId)) }),
};

const ACTIONS: Record<string, ActionImpl> = {
  'defender.getAlert': async (p) => (await mdeClientFor(str(p.connectionId))).getAlert(str(p.alertId)),

  'defender.isolateMachine': async (p, ctx) => {
    if (ctx.resume !== undefined) return pollMachineAction(str(p.connectionId), ctx.resume);
    const client = await mdeClientFor(str(p.connectionId));
    const machineId = str(p.machineId);
    const marker = runMarker(ctx.runId);
    // A resumed run may have isolated already without recording it (a crash between the call and
    // the step record): the marker in the comment finds that action whatever its status now.
    if (ctx.resumed) {
      const earlier = await client.findMachineActionByComment(machineId, 'Isolate', marker);
      if (earlier) return { ...earlier, alreadyRequested: true };
    }
    const { action, alreadyRequested } = await client.isolateMachine(machineId, {
      comment: `${str(p.comment)} ${marker}`,
      isolationType: p.isolationType === 'Selective' ? 'Selective' : 'Full',
    });
    return { ...action, alreadyRequested };
  },

  'defender.runHuntingQuery': async (p) =>
    (await mdeClientFor(str(p.connectionId))).runHuntingQuery(str(p.query), {
      api: p.api === 'mde' ? 'mde' : 'graph',
      timespan: typeof p.timespan === 'string' ? p.timespan : undefined,
    }),

  ...machineActionImpls(),
  ...liveResponseImpls(),
  ...MACHINE_READ_ACTIONS,

  ...defenderEntityActions(runMarker),

  'defender.getMachine': async (p) => (await mdeClientFor(str(p.connectionId))).getMachine(str(p.machineId)),

  'defender.listMachines': async (p) => {
    const value = await (await mdeClientFor(str(p.connectionId))).listMachines({ filter: p.filter as string | undefined, top: Number(p.top ?? 100) });
    return { value, count: value.length };
  },

  'defender.listAlerts': async (p) => {
    const value = await (await mdeClientFor(str(p.connectionId))).listAlerts({
      filter: p.filter as string | undefined,
      top: Number(p.top ?? 100),
      skip: typeof p.skip === 'number' ? p.skip : undefined,
      expandEvidence: p.expandEvidence === true,
      allPages: p.allPages === true,
    });
    return { value, count: value.length };
  },

  'defender.getMachineAction': async (p) => (await mdeClientFor(str(p.connectionId))).getMachineAction(str(p.actionId)),

  'defender.cancelMachineAction': async (p) => (await mdeClientFor(str(p.connectionId))).cancelMachineAction(str(p.actionId), str(p.comment)),

  'defender.startInvestigation': async (p, ctx) => {
    const client = await mdeClientFor(str(p.connectionId));
    const machineId = str(p.machineId);
    // MDE keeps no comment on an investigation, so a resumed run cannot search for its marker: an
    // investigation of this device started since the run was created counts as the one it started.
    if (ctx.resumed) {
      const since = await runCreatedAt(ctx.runId);
      const earlier = since ? await client.findInvestigationSince(machineId, new Date(since.getTime() - CLOCK_SKEW_MS)) : null;
      if (earlier) return { ...earlier, alreadyRequested: true };
    }
    const { investigation, alreadyRequested } = await client.startInvestigation(machineId, `${str(p.comment)} ${runMarker(ctx.runId)}`);
    return { ...investigation, alreadyRequested };
  },

  'defender.getInvestigation': async (p) => (await mdeClientFor(str(p.connectionId))).getInvestigation(str(p.investigationId)),

  'defender.submitIndicator': async (p) =>
    (await mdeClientFor(str(p.connectionId))).submitIndicator({
      indicatorType: p.indicatorType as IndicatorInput['indicatorType'],
      indicatorValue: str(p.indicatorValue),
      action: p.action as IndicatorInput['action'],
      title: str(p.title),
      description: str(p.description),
      severity: p.severity as IndicatorInput['severity'],
      expirationTime: p.expirationTime as string | undefined,
      generateAlert: p.generateAlert === true,
    }),

  'defender.listIndicators': async (p) => {
    const value = await (await mdeClientFor(str(p.connectionId))).listIndicators({ filter: p.filter as string | undefined, top: Number(p.top ?? 100) });
    return { value, count: value.length };
  },

  // Deleting is idempotent for the flow: an indicator already gone (404) is the wanted end state.
  'defender.deleteIndicator': async (p) => {
    const id = str(p.indicatorId);
    try {
      await (await mdeClientFor(str(p.connectionId))).deleteIndicator(id);
      return { id, deleted: true };
    } catch (e) {
      if (e instanceof ActionError && (e as ActionError & { status?: number }).status === 404) return { id, deleted: false };
      throw e;
    }
  },

  'defender.tagMachine': async (p) =>
    (await mdeClientFor(str(p.connectionId))).tagMachine(str(p.machineId), str(p.tag), p.action === 'Remove' ? 'Remove' : 'Add'),

  'defender.batchUpdateAlerts': async (p) => {
    const ids = Array.isArray(p.alertIds) ? p.alertIds.map(str) : [];
    await (await mdeClientFor(str(p.connectionId))).batchUpdateAlerts(ids, {
      status: p.status as AlertPatch['status'],
      assignedTo: p.assignedTo as string | undefined,
      classification: p.classification as AlertPatch['classification'],
      determination: p.determination as string | undefined,
      comment: p.comment as string | undefined,
    });
    return { count: ids.length, alertIds: ids };
  },

  'defender.updateAlert': async (p) =>
    (await mdeClientFor(str(p.connectionId))).updateAlert(str(p.alertId), {
      status: p.status as AlertPatch['status'],
      assignedTo: p.assignedTo as string | undefined,
      classification: p.classification as AlertPatch['classification'],
      determination: p.determination as string | undefined,
      comment: p.comment as string | undefined,
    }),

  // Creates the request (once per run, step and item) and emails it; the executor pauses the run
  // while the answer's status is "pending". A request decided already gives back its decision.
  'control.approval': async (p, ctx) => {
    const r = await requestApproval({
      runId: ctx.runId,
      nodeId: ctx.nodeId,
      iteration: ctx.iteration,
      title: str(p.title),
      details: typeof p.details === 'string' ? p.details : '',
      approvers: recipients(p.approvers),
      timeoutMinutes: Number(p.timeoutHours ?? 24) * 60,
      timeoutOutcome: p.timeoutOutcome === 'approved' ? 'approved' : 'rejected',
      ...(typeof p.connectionId === 'string' && p.connectionId !== '' ? { smtpConnectionId: p.connectionId } : {}),
    });
    return r.decision ?? { approvalId: r.approvalId, status: r.status, expiresAt: r.expiresAt.toISOString() };
  },

  'control.deduplicate': async (p, ctx) =>
    claimDedupKey({ flowId: ctx.flowId, runId: ctx.runId, key: str(p.key), windowMinutes: Number(p.windowMinutes ?? 60) }),

  'email.send': async (p) =>
    sendEmail(str(p.connectionId), {
      ...attachmentOf(p),
      to: recipients(p.to),
      cc: recipients(p.cc),
      bcc: recipients(p.bcc),
      ...(typeof p.html === 'string' && p.html !== '' ? { html: p.html } : {}),
      subject: str(p.subject),
      body: str(p.body),
      importance: p.importance === 'high' || p.importance === 'low' ? p.importance : 'normal',
    }),

  ...WEBHOOK_ACTIONS,

  'http.request': httpRequestAction,

  'code.run': runCodeAction,
};

/** The email step's optional attachment (name + token value), converted by core. */
function attachmentOf(p: Record<string, unknown>): { attachments?: ReturnType<typeof buildAttachment>[] } {
  if (typeof p.attachmentName !== 'string' || p.attachmentName.trim() === '') return {};
  const format = (['csv', 'json', 'text'] as const).find((f) => f === p.attachmentFormat) ?? 'auto';
  try {
    return { attachments: [buildAttachment(p.attachmentName, p.attachmentContent, format as AttachmentFormat)] };
  } catch (e) {
    if (e instanceof AttachmentError) throw new ActionError(e.code, e.message);
    throw e;
  }
}

/** The step types this worker implements (a catalog action without one would fail every run). */
export const IMPLEMENTED_ACTION_TYPES: readonly string[] = Object.freeze(Object.keys(ACTIONS));

export function createInvoker(ctx: ActionContext) {
  return async (req: InvokeRequest): Promise<unknown> => {
    const impl = ACTIONS[req.type];
    if (!impl) throw new ActionError('UnknownNodeType', `No implementation for node type ${req.type}`);
    // A retried try may follow one that had an effect (a timeout after Defender acted): side
    // effects reconcile first, exactly as after a crash.
    const step = { ...ctx, resumed: ctx.resumed || req.retrying, nodeId: req.nodeId, iteration: req.iteration, ...(req.resume === undefined ? {} : { resume: req.resume }) };
    try {
      return await withTimeout(impl(req.params, step), req.timeoutMs, req.type);
    } catch (e) {
      // A 403 names the permission this step's catalog entry declares for its params (hunting
      // through Graph needs a Graph permission, through MDE an MDE one).
      throw withStepPermission(e, requiredPermission(req.type, req.params));
    }
  };
}

/** One try may take `ms`; after that it fails retryably (the step's retry policy decides). */
async function withTimeout<T>(work: Promise<T>, ms: number, type: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ActionError('ActionTimedOut', `The step did not finish within ${Math.round(ms / 1000)} s (${type}); raise its timeout in the step's settings if it needs longer.`, { retryable: true })),
      ms,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

