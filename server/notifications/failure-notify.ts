// Failure notifications (issue 6): when a run ends failed or timed out, the people named in the
// trigger's "On failure" settings are emailed a link to the run, and a Teams card with the same
// facts and an "Open the run" button is posted to the chosen webhook connection.
//
// Once per run: a conditional UPDATE claims the run (`failureNotifiedAt`) BEFORE anything is sent,
// so a worker restarted after sending, a second worker, or the sweep never send it again. A crash
// between the claim and the send loses that one email (at most once: a duplicate page at 3 am is
// worse than the run list and the dashboard, which still show the failure). A send that fails
// transiently gives the claim back, and the maintenance sweep tries again for a while.
import { db } from '../db/client';
import { sendEmail } from '../mail/mailer';
import { publicBaseUrl } from '../services/approvals';
import { ZDraftGraph } from '@/core/flow/schema';
import { failureRecipients, type TFailureNotification } from '@/core/flow/failure-notification';
import { ActionError } from '@/core/errors';
import { buildTeamsCard } from '@/core/notifications/teams-card';
import { encodeMarkdown } from '@/core/tokens/resolve';
import { postToWebhook } from './post-webhook';
import { redactingLog } from '../secrets/redact';
import { logFn, logger } from '../log/logger';

type Log = (msg: string, extra?: Record<string, unknown>) => void;
const defaultLog: Log = logFn(logger.child({ part: 'failure-notify' }), 'warn');

/** A transient send failure is retried by the sweep until the run finished this long ago. */
export const RETRY_WINDOW_MS = 15 * 60_000;

export type NotifyOutcome = 'sent' | 'nothing-configured' | 'already-claimed' | 'retry-later' | 'failed';

interface ClaimedRun {
  id: string;
  flowId: string;
  status: string;
  error: unknown;
  summary: unknown;
  triggerKind: string;
  createdAt: Date;
  finishedAt: Date | null;
  flowName: string;
  graph: unknown;
}

export interface FailureMessage {
  runId: string;
  runUrl: string;
  flowName: string;
  status: string;
  subject: string;
  body: string;
  /** For the Teams card: the headline and "name: value" facts (one line each). */
  headline: string;
  facts: { name: string; value: string }[];
}

/** The run's failure notification settings, from the version it ran (lenient: an odd graph notifies nobody). */
function onFailureOf(graph: unknown): TFailureNotification | undefined {
  const parsed = ZDraftGraph.safeParse(graph);
  if (!parsed.success) return undefined;
  return parsed.data.nodes.find((n) => n.id === 'trigger')?.settings?.onFailure;
}

// Subjects are headers: no line breaks, whatever a flow or an alert is called.
const oneLine = (s: string, max = 200) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, max);

function errorText(error: unknown): { code: string; message: string } | null {
  if (error === null || typeof error !== 'object') return null;
  const e = error as Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return code || message ? { code, message } : null;
}

export function buildFailureMessage(run: Omit<ClaimedRun, 'graph'>, baseUrl: string): FailureMessage {
  const runUrl = `${baseUrl}/runs/${run.id}`;
  const verb = run.status === 'timed_out' ? 'timed out' : 'failed';
  const summary = (run.summary ?? {}) as Record<string, unknown>;
  const title = typeof summary.title === 'string' ? summary.title : null;
  const severity = typeof summary.severity === 'string' ? summary.severity : null;
  const err = errorText(run.error);
  const lines = [
    `A run of the flow "${oneLine(run.flowName)}" ${verb}.`,
    '',
    `Open the run: ${runUrl}`,
    '',
    `Status: ${verb}`,
    ...(title ? [`Alert: ${oneLine(title, 500)}${severity ? ` (${severity})` : ''}`] : [`Trigger: ${run.triggerKind}`]),
    ...(err ? [`Error: ${[err.code, err.message].filter(Boolean).join(': ')}`] : []),
    `Started: ${run.createdAt.toISOString()}`,
    ...(run.finishedAt ? [`Ended: ${run.finishedAt.toISOString()}`] : []),
    '',
    'You get this email because you are listed under "On failure" in the flow\'s run settings.',
  ];
  const facts = [
    { name: 'Status', value: verb },
    ...(title ? [{ name: 'Alert', value: `${oneLine(title, 500)}${severity ? ` (${severity})` : ''}` }] : [{ name: 'Trigger', value: run.triggerKind }]),
    ...(err ? [{ name: 'Error', value: oneLine([err.code, err.message].filter(Boolean).join(': '), 1000) }] : []),
    { name: 'Started', value: run.createdAt.toISOString() },
  ];
  return {
    runId: run.id,
    runUrl,
    flowName: run.flowName,
    status: run.status,
    headline: oneLine(`Run ${verb}: ${run.flowName}`),
    facts,
    subject: oneLine(`[Riposte] Run ${verb}: ${run.flowName}${title ? ` — ${title}` : ''}`),
    body: lines.join('\n'),
  };
}

async function claim(runId: string, at: Date): Promise<ClaimedRun | null> {
  const rows = await db().$queryRaw<ClaimedRun[]>`
    UPDATE "Run" r SET "failureNotifiedAt" = ${at}
    FROM "Flow" f, "FlowVersion" v
    WHERE r."id" = ${runId}::uuid AND r."status" IN ('failed', 'timed_out') AND r."failureNotifiedAt" IS NULL
      AND f."id" = r."flowId" AND v."id" = r."flowVersionId"
    RETURNING r."id", r."flowId", r."status"::text AS "status", r."error", r."summary", r."triggerKind", r."createdAt", r."finishedAt",
      f."name" AS "flowName", v."graph"`;
  return rows[0] ?? null;
}

async function release(runId: string, claimedAt: Date): Promise<void> {
  await db().run.updateMany({ where: { id: runId, failureNotifiedAt: claimedAt }, data: { failureNotifiedAt: null } });
}

/**
 * Posts the failure as an Adaptive Card. Flow names, alert titles and errors are data: they are
 * markdown-escaped, so an alert titled "[Reset your password](https://evil)" is not a link.
 */
export async function notifyTeamsOfFailure(connectionId: string, message: FailureMessage, log: Log): Promise<'sent' | 'failed'> {
  const card = buildTeamsCard({
    title: encodeMarkdown(message.headline),
    severity: 'High',
    facts: message.facts.map((f) => `${f.name}: ${encodeMarkdown(f.value)}`).join('\n'),
    links: [{ title: 'Open the run', url: message.runUrl }],
  });
  try {
    await postToWebhook(connectionId, 'teams', card);
    return 'sent';
  } catch (err) {
    log('failure notification Teams card not posted', { runId: message.runId, connectionId, error: err instanceof Error ? err.message : String(err) });
    return 'failed';
  }
}

/** Notifies the failure of one run, at most once; safe to call from any worker at any time. */
export async function notifyRunFailure(runId: string, opts: { log?: Log; now?: Date } = {}): Promise<NotifyOutcome> {
  // Send errors can quote what the server answered: redacted whatever sink the caller gave.
  const log = opts.log === undefined ? defaultLog : redactingLog(opts.log);
  const claimedAt = opts.now ?? new Date();
  const run = await claim(runId, claimedAt);
  if (!run) return 'already-claimed';
  const settings = onFailureOf(run.graph);
  const recipients = failureRecipients(settings);
  const smtpId = settings?.smtpConnectionId?.trim() ?? '';
  const teamsId = settings?.teamsConnectionId?.trim() ?? '';
  if ((recipients.length === 0 || smtpId === '') && teamsId === '') return 'nothing-configured';

  const message = buildFailureMessage(run, publicBaseUrl());
  let outcome: NotifyOutcome = 'nothing-configured';
  if (recipients.length > 0 && smtpId !== '') {
    try {
      await sendEmail(smtpId, { to: recipients, subject: message.subject, body: message.body, importance: 'high' });
      outcome = 'sent';
    } catch (err) {
      const retryable = err instanceof ActionError ? err.retryable : true;
      const recent = (run.finishedAt ?? run.createdAt).getTime() > claimedAt.getTime() - RETRY_WINDOW_MS;
      log('failure notification email not sent', { runId, error: err instanceof Error ? err.message : String(err), willRetry: retryable && recent });
      if (retryable && recent) {
        await release(runId, claimedAt);
        return 'retry-later';
      }
      outcome = 'failed';
    }
  }
  if (teamsId !== '') {
    const posted = await notifyTeamsOfFailure(teamsId, message, log);
    if (posted === 'sent') outcome = 'sent';
    else if (outcome === 'nothing-configured') outcome = 'failed';
  }
  return outcome;
}

/**
 * The safety net, run by the maintenance tick: runs that ended failed without being claimed (the
 * reaper, run timeouts, a worker that died right after finishing, a send that failed transiently).
 */
export async function sweepFailureNotifications(opts: { log?: Log; limit?: number } = {}): Promise<string[]> {
  const rows = await db().run.findMany({
    where: { status: { in: ['failed', 'timed_out'] }, failureNotifiedAt: null },
    select: { id: true },
    take: opts.limit ?? 50,
  });
  const sent: string[] = [];
  for (const { id } of rows) {
    const outcome = await notifyRunFailure(id, { log: opts.log }).catch((err: Error) => {
      (opts.log ?? defaultLog)('failure notification failed', { runId: id, error: err.message });
      return 'failed' as const;
    });
    if (outcome === 'sent') sent.push(id);
  }
  return sent;
}
