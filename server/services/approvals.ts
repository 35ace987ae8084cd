// Approvals (issue 4): a run pauses at an Approval step without holding a worker. The request is
// a row here plus an email whose links are signed per approver and decision; a decision (by a
// signed-in editor, a signed link, or the timeout) is written to the row AND as the waiting
// step's output in one transaction, then the run is queued again and resumes after that step.
import { z } from 'zod';
import { db, Prisma } from '../db/client';
import { env } from '../env';
import type { Principal } from '../auth/roles';
import { can } from '../auth/roles';
import { signLink, verifyLink } from '../crypto/signed-links';
import { sendEmail } from '../mail/mailer';
import { signalRunsResumed } from '../queue/run-signals';
import { audit, type AuditActor } from './audit';
import { forbidden, fromZodIssues, notFound, ServiceError } from './errors';

export type ApprovalOutcome = 'approved' | 'rejected';
export type ApprovalDecision = 'approve' | 'reject';

export interface ApprovalRequest {
  runId: string;
  nodeId: string;
  iteration?: string;
  title: string;
  details?: string;
  approvers: string[];
  timeoutMinutes: number;
  timeoutOutcome: ApprovalOutcome;
  /** SMTP connection for the request email; without one the request is only in the app. */
  smtpConnectionId?: string;
}

/** What the step records as its output once decided; tokens read `{{ approval.outcome }}` etc. */
export interface ApprovalStepOutput {
  approvalId: string;
  outcome: ApprovalOutcome;
  decidedBy: string;
  decidedAt: string;
  comment: string | null;
  timedOut: boolean;
}

const OUTCOME_OF: Record<ApprovalDecision, ApprovalOutcome> = { approve: 'approved', reject: 'rejected' };

export function publicBaseUrl(): string {
  return (env().RIPOSTE_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, '');
}

const purpose = (approvalId: string, decision: ApprovalDecision, approver: string) => `approval:${approvalId}:${decision}:${approver.toLowerCase()}`;

/** The link an approver opens; it shows the request and asks to confirm (a GET never decides). */
export function approvalLink(approvalId: string, decision: ApprovalDecision, approver: string): string {
  const q = new URLSearchParams({ d: decision, a: approver.toLowerCase(), s: signLink(purpose(approvalId, decision, approver)) });
  return `${publicBaseUrl()}/approve/${approvalId}?${q.toString()}`;
}

/**
 * Creates the request (once per run, step and iteration) and sends its email (once: a retried
 * step finds `notifiedAt` set). Returns the row's state, so a step resumed after a decision that
 * raced it sees the decision.
 */
export async function requestApproval(req: ApprovalRequest): Promise<{ approvalId: string; status: string; expiresAt: Date; decision?: ApprovalStepOutput }> {
  const iteration = req.iteration ?? '';
  const approvers = [...new Set(req.approvers.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const expiresAt = new Date(Date.now() + req.timeoutMinutes * 60_000);
  await db().approval.createMany({
    data: [{ runId: req.runId, nodeId: req.nodeId, iteration, title: req.title.slice(0, 500), details: req.details ?? '', approvers, expiresAt, timeoutOutcome: req.timeoutOutcome }],
    skipDuplicates: true,
  });
  const row = await db().approval.findUniqueOrThrow({ where: { runId_nodeId_iteration: { runId: req.runId, nodeId: req.nodeId, iteration } } });
  if (row.notifiedAt === null && row.status === 'pending' && req.smtpConnectionId && row.approvers.length > 0) {
    // One message per approver: each carries links signed for that address only.
    for (const approver of row.approvers) {
      await sendEmail(req.smtpConnectionId, { to: [approver], subject: `Approval needed: ${row.title}`, body: requestEmailBody(row, approver), importance: 'high' });
    }
    await db().approval.update({ where: { id: row.id }, data: { notifiedAt: new Date() } });
  }
  const decision = decisionOf(row);
  return decision === null ? { approvalId: row.id, status: row.status, expiresAt: row.expiresAt } : { approvalId: row.id, status: row.status, expiresAt: row.expiresAt, decision };
}

/** The step output a decided approval stands for; null while pending (or cancelled). */
function decisionOf(row: { id: string; status: string; decidedBy: string | null; decidedAt: Date | null; comment: string | null; timeoutOutcome: string }): ApprovalStepOutput | null {
  if (row.status === 'pending' || row.status === 'cancelled' || row.decidedAt === null) return null;
  const timedOut = row.status === 'timed_out';
  const outcome: ApprovalOutcome = timedOut ? (row.timeoutOutcome === 'approved' ? 'approved' : 'rejected') : row.status === 'approved' ? 'approved' : 'rejected';
  return { approvalId: row.id, outcome, decidedBy: row.decidedBy ?? '', decidedAt: row.decidedAt.toISOString(), comment: row.comment, timedOut };
}

/**
 * Decisions whose step was not yet waiting when they landed (decided between the request and the
 * run pausing): write them to the step now and queue the run. Called by the worker right after it
 * pauses a run, and by maintenance for all runs.
 */
export async function settleDecidedApprovals(runId?: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string; runId: string; nodeId: string; iteration: string; status: string; decidedBy: string | null; decidedAt: Date | null; comment: string | null; timeoutOutcome: string }[]>`
    SELECT a."id", a."runId", a."nodeId", a."iteration", a."status"::text AS "status", a."decidedBy", a."decidedAt", a."comment", a."timeoutOutcome"
    FROM "Approval" a
    JOIN "StepRun" s ON s."runId" = a."runId" AND s."nodeId" = a."nodeId" AND s."iteration" = a."iteration" AND s."status" = 'waiting'
    JOIN "Run" r ON r."id" = a."runId" AND r."status" = 'waiting'
    WHERE a."status" IN ('approved', 'rejected', 'timed_out') ${runId === undefined ? Prisma.empty : Prisma.sql`AND a."runId" = ${runId}::uuid`}
    LIMIT 100`;
  const resumed: string[] = [];
  for (const row of rows) {
    const output = decisionOf(row);
    if (output === null) continue;
    await db().$transaction(async (tx) => {
      await tx.stepRun.updateMany({
        where: { runId: row.runId, nodeId: row.nodeId, iteration: row.iteration, status: 'waiting' },
        data: { status: 'succeeded', output: output as unknown as Prisma.InputJsonValue, finishedAt: row.decidedAt ?? new Date() },
      });
      await tx.run.updateMany({ where: { id: row.runId, status: 'waiting' }, data: { status: 'queued' } });
    });
    resumed.push(row.runId);
  }
  if (resumed.length > 0) await signalRunsResumed([...new Set(resumed)]);
  return resumed;
}

function requestEmailBody(row: { id: string; title: string; details: string; expiresAt: Date; timeoutOutcome: string; runId: string }, approver: string): string {
  return [
    row.title,
    '',
    row.details,
    '',
    `Approve: ${approvalLink(row.id, 'approve', approver)}`,
    `Reject:  ${approvalLink(row.id, 'reject', approver)}`,
    '',
    `Each link opens a page that asks you to confirm. Without a decision by ${row.expiresAt.toISOString()} the request is ${row.timeoutOutcome}.`,
    `Run: ${publicBaseUrl()}/runs/${row.runId}`,
  ].join('\n');
}

export const ZDecisionInput = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000, 'The comment is longer than 2,000 characters').optional(),
});

/** A link decider is known by the approver address the link was signed for, and from where it was clicked. */
type Decider =
  | { kind: 'user'; principal: Principal }
  | { kind: 'link'; approver: string; signature: string; ip?: string | null; userAgent?: string | null };

/** Records a decision; 409 when the request was already decided, timed out or cancelled. */
export async function decideApproval(approvalId: string, input: unknown, by: Decider): Promise<ApprovalStepOutput> {
  if (!z.uuid().safeParse(approvalId).success) throw notFound(`Approval ${approvalId}`);
  const parsed = ZDecisionInput.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { decision, comment } = parsed.data;
  const row = await db().approval.findUnique({ where: { id: approvalId }, select: { approvers: true } });
  if (!row) throw notFound(`Approval ${approvalId}`);

  let decidedBy: string;
  let decidedById: string | null = null;
  if (by.kind === 'user') {
    if (!can(by.principal.role, 'runs:write')) throw forbidden('Your role cannot decide approvals');
    decidedBy = by.principal.email;
    decidedById = by.principal.userId;
  } else {
    const approver = by.approver.toLowerCase();
    if (!row.approvers.includes(approver) || !verifyLink(purpose(approvalId, decision, approver), by.signature)) {
      throw forbidden('This approval link is not valid');
    }
    decidedBy = approver;
  }
  const output = await settle(approvalId, { outcome: OUTCOME_OF[decision], decidedBy, decidedById, comment: comment || null, timedOut: false });
  if (!output) throw await notOpen(approvalId);
  const actor = by.kind === 'user' ? by.principal : { email: decidedBy, ip: by.ip ?? null, userAgent: by.userAgent ?? null };
  await audit(actor, 'approval.decide', { type: 'approval', id: approvalId }, { outcome: output.outcome, decidedBy, via: by.kind });
  return output;
}

/** Why a decision found the request closed, in words the approver can act on (409). */
async function notOpen(approvalId: string): Promise<ServiceError> {
  const row = await db().approval.findUnique({ where: { id: approvalId }, select: { status: true, decidedBy: true } });
  if (row?.status === 'pending' || row?.status === 'timed_out') {
    return new ServiceError(409, 'ApprovalExpired', 'This request has expired: it took its default outcome. Nothing was decided.');
  }
  if (row?.status === 'cancelled') return new ServiceError(409, 'ApprovalCancelled', 'The run was cancelled, so this request is closed. Nothing was decided.');
  return new ServiceError(409, 'AlreadyDecided', `This request was already ${row?.status ?? 'decided'}${row?.decidedBy ? ` by ${row.decidedBy}` : ''}. A decision counts once.`);
}

interface Settlement {
  outcome: ApprovalOutcome;
  decidedBy: string;
  decidedById: string | null;
  comment: string | null;
  timedOut: boolean;
  /** An approval.decide entry committed with the settlement, so a crash cannot leave one without the other. */
  auditEntry?: { actor: AuditActor | null; details: Prisma.InputJsonValue };
}

/**
 * One transaction: the approval leaves `pending` (conditional, so two deciders cannot both win),
 * the waiting step becomes succeeded with the decision as output, and the run is queued again.
 */
async function settle(approvalId: string, s: Settlement): Promise<ApprovalStepOutput | null> {
  const decidedAt = new Date();
  const status = s.timedOut ? 'timed_out' : s.outcome;
  const result = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ runId: string; nodeId: string; iteration: string }[]>`
      UPDATE "Approval" SET "status" = ${status}::"ApprovalStatus", "decidedAt" = ${decidedAt}, "decidedBy" = ${s.decidedBy},
        "decidedById" = ${s.decidedById}::uuid, "comment" = ${s.comment}
      WHERE "id" = ${approvalId}::uuid AND "status" = 'pending' ${s.timedOut ? Prisma.empty : Prisma.sql`AND "expiresAt" > ${decidedAt}`}
      RETURNING "runId", "nodeId", "iteration"`;
    const hit = rows[0];
    if (!hit) return null;
    const output: ApprovalStepOutput = { approvalId, outcome: s.outcome, decidedBy: s.decidedBy, decidedAt: decidedAt.toISOString(), comment: s.comment, timedOut: s.timedOut };
    await tx.stepRun.updateMany({
      where: { runId: hit.runId, nodeId: hit.nodeId, iteration: hit.iteration, status: 'waiting' },
      data: { status: 'succeeded', output: output as unknown as Prisma.InputJsonValue, finishedAt: decidedAt },
    });
    await tx.run.updateMany({ where: { id: hit.runId, status: 'waiting' }, data: { status: 'queued' } });
    if (s.auditEntry) await audit(s.auditEntry.actor, 'approval.decide', { type: 'approval', id: approvalId }, s.auditEntry.details, tx);
    return { output, runId: hit.runId };
  });
  if (!result) return null;
  await signalRunsResumed([result.runId]);
  return result.output;
}

/** Worker maintenance: pending requests past their deadline take their default outcome. */
export async function expireApprovals(now = new Date(), limit = 100): Promise<string[]> {
  const due = await db().approval.findMany({
    where: { status: 'pending', expiresAt: { lte: now } },
    select: { id: true, timeoutOutcome: true },
    orderBy: { expiresAt: 'asc' },
    take: limit,
  });
  const settled: string[] = [];
  for (const a of due) {
    const outcome: ApprovalOutcome = a.timeoutOutcome === 'approved' ? 'approved' : 'rejected';
    // Audited like a decision, by the system (null actor): nobody decided, the deadline did.
    const auditEntry = { actor: null, details: { outcome, decidedBy: 'timeout', via: 'timeout' } };
    if (await settle(a.id, { outcome, decidedBy: 'timeout', decidedById: null, comment: null, timedOut: true, auditEntry })) settled.push(a.id);
  }
  return settled;
}

/** A cancelled run's open requests are closed, so their links stop working. */
export async function cancelApprovalsOfRun(runId: string, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.approval.updateMany({ where: { runId, status: 'pending' }, data: { status: 'cancelled', decidedAt: new Date(), decidedBy: 'run cancelled' } });
}

export interface ApprovalView {
  id: string;
  runId: string;
  flowId: string;
  flowName: string;
  nodeId: string;
  title: string;
  details: string;
  approvers: string[];
  status: string;
  requestedAt: string;
  expiresAt: string;
  timeoutOutcome: string;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
}

const viewSelect = {
  id: true, runId: true, nodeId: true, title: true, details: true, approvers: true, status: true, requestedAt: true, expiresAt: true,
  timeoutOutcome: true, decidedAt: true, decidedBy: true, comment: true, run: { select: { flowId: true, flow: { select: { name: true } } } },
} satisfies Prisma.ApprovalSelect;

function toView(a: Prisma.ApprovalGetPayload<{ select: typeof viewSelect }>): ApprovalView {
  return {
    id: a.id, runId: a.runId, flowId: a.run.flowId, flowName: a.run.flow.name, nodeId: a.nodeId, title: a.title, details: a.details,
    approvers: a.approvers, status: a.status, requestedAt: a.requestedAt.toISOString(), expiresAt: a.expiresAt.toISOString(),
    timeoutOutcome: a.timeoutOutcome, decidedAt: a.decidedAt?.toISOString() ?? null, decidedBy: a.decidedBy, comment: a.comment,
  };
}

export async function listApprovals(opts: { status?: 'pending' | 'decided'; limit?: number } = {}): Promise<ApprovalView[]> {
  const rows = await db().approval.findMany({
    where: opts.status === 'pending' ? { status: 'pending' } : opts.status === 'decided' ? { status: { not: 'pending' } } : {},
    orderBy: opts.status === 'pending' ? { expiresAt: 'asc' } : { requestedAt: 'desc' },
    take: opts.limit ?? 100,
    select: viewSelect,
  });
  return rows.map(toView);
}

export async function countPendingApprovals(): Promise<number> {
  return db().approval.count({ where: { status: 'pending' } });
}

/**
 * For the signed-link page: the request, if the link is genuine. A bad signature reveals
 * nothing about the request (not even whether it exists).
 */
export async function approvalForLink(approvalId: string, decision: string, approver: string, signature: string): Promise<ApprovalView | null> {
  if (!z.uuid().safeParse(approvalId).success || (decision !== 'approve' && decision !== 'reject')) return null;
  const a = approver.toLowerCase();
  if (!verifyLink(purpose(approvalId, decision, a), signature)) return null;
  const row = await db().approval.findUnique({ where: { id: approvalId }, select: viewSelect });
  if (!row || !row.approvers.includes(a)) return null;
  return toView(row);
}
