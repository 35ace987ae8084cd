// The audit log on real Postgres, Redis, simulator and SMTP: the real services write an entry
// for every security-relevant change (who, from where, on what), the list pages by keyset with
// no duplicates or gaps, filters narrow it, the JSON lines export streams exactly the filtered
// rows through the real route, and the database refuses to change or delete an entry.
import { afterAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { randomUUID } from 'node:crypto';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db, type Prisma } from '@/server/db/client';
import type { Principal, Role } from '@/server/auth/roles';
import { hashPassword } from '@/server/auth/passwords';
import { createSession } from '@/server/auth/sessions';
import { audit } from '@/server/services/audit';
import { isAuditAction } from '@/server/services/audit-actions';
import { listAuditEvents, type AuditEntry } from '@/server/services/audit-query';
import { exportAuditEvents } from '@/server/services/audit-export';
import { createFlow, deleteFlow, exportFlow, publishFlow, setFlowEnabled, updateDraft } from '@/server/services/flows';
import { restoreVersion } from '@/server/services/flow-versions';
import { createConnection, deleteConnection, updateConnection } from '@/server/services/connections';
import { testConnection } from '@/server/services/connection-test';
import { startManualRun } from '@/server/services/manual-runs';
import { cancelRun, resubmitRun, retryRunFromFailure } from '@/server/services/run-actions';
import { decideApproval, requestApproval } from '@/server/services/approvals';
import { createTokenFor } from '@/server/services/api-tokens';
import { login } from '@/server/services/users';
import { ServiceError } from '@/server/services/errors';
import { closeWebQueues } from '@/server/queue/web-queues';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { GET as exportRoute } from '@/app/api/v1/audit/export/route';
import { GET as listRoute } from '@/app/api/v1/audit/route';

const IP = '203.0.113.7';
const UA = 'Mozilla/5.0 (audit-test)';
const PASSWORD = 'correct-horse-battery-staple';

const life = useHarness({ seedFlowOn: false });

afterAll(async () => {
  await closeWebQueues();
});

async function user(role: Role, email = `${role}-${randomUUID().slice(0, 8)}@test.local`): Promise<Principal> {
  const row = await db().user.create({ data: { email, role, passwordHash: await hashPassword(PASSWORD) } });
  return { userId: row.id, email: row.email, role, via: 'session', ip: IP, userAgent: UA };
}

async function entries(action: string, targetId?: string) {
  return db().auditEvent.findMany({ where: { action, ...(targetId ? { targetId } : {}) }, orderBy: { at: 'asc' } });
}

/** The one entry of `action` on `target`, written by `actor` from the test's address. */
async function expectEntry(actor: Principal, action: string, target: { type: string; id: string }) {
  const rows = await entries(action, target.id);
  expect(rows, `${action} on ${target.type} ${target.id}`).toHaveLength(1);
  expect(rows[0]).toMatchObject({ actorId: actor.userId, actorEmail: actor.email, targetType: target.type, targetId: target.id, ip: IP, userAgent: UA });
  expect(isAuditAction(action)).toBe(true);
  return rows[0]!;
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ServiceError);
  return (e as ServiceError).status;
}

describe('coverage: the real services write who, when, what and from where', () => {
  it('flow create, edit, publish, enable, disable, import, restore and delete', async () => {
    const admin = await user('admin');
    const graph = buildSeedFlowGraph({ defenderConnectionId: life.h.defenderId, smtpConnectionId: life.h.smtpId, socEmail: 'soc@test.local' });
    const flow = await createFlow(admin, { name: 'Audited flow', graph });
    await expectEntry(admin, 'flow.create', { type: 'flow', id: flow.id });
    const saved = await updateDraft(admin, flow.id, { name: 'Audited flow (edited)', baseVersion: flow.draftVersion });
    await expectEntry(admin, 'flow.update', { type: 'flow', id: flow.id });
    await publishFlow(admin, flow.id);
    expect((await expectEntry(admin, 'flow.publish', { type: 'flow', id: flow.id })).details).toEqual({ version: 1 });
    await setFlowEnabled(admin, flow.id, true);
    await expectEntry(admin, 'flow.enable', { type: 'flow', id: flow.id });
    await setFlowEnabled(admin, flow.id, false);
    await expectEntry(admin, 'flow.disable', { type: 'flow', id: flow.id });

    const imported = await createFlow(admin, await exportFlow(flow.id), { how: 'import' });
    await expectEntry(admin, 'flow.import', { type: 'flow', id: imported.id });
    expect(await entries('flow.create', imported.id)).toHaveLength(0);

    await restoreVersion(admin, flow.id, 1, saved.draftVersion);
    expect((await expectEntry(admin, 'flow.restoreVersion', { type: 'flow', id: flow.id })).details).toEqual({ version: 1 });
    await deleteFlow(admin, imported.id);
    // The flow row is gone: the entry keeps its name so the log still says which flow it was.
    expect((await expectEntry(admin, 'flow.delete', { type: 'flow', id: imported.id })).details).toEqual({ name: imported.name });
    expect(await db().flow.findUnique({ where: { id: imported.id } })).toBeNull();
  });

  it('connection create, update, test and delete, with no secret in the details', async () => {
    const admin = await user('admin');
    const secret = `smtp-pass-${randomUUID()}`;
    const conn = await createConnection(admin, { kind: 'smtp', name: 'Audit mail', host: '127.0.0.1', port: 2525, from: 'a@test.local', username: 'u', password: secret });
    await expectEntry(admin, 'connection.create', { type: 'connection', id: conn.id });
    await updateConnection(admin, conn.id, { name: 'Audit mail 2', password: `${secret}-2` });
    await expectEntry(admin, 'connection.update', { type: 'connection', id: conn.id });

    const tested = await testConnection(life.h.defenderId, admin);
    expect(tested.ok).toBe(true);
    expect((await expectEntry(admin, 'connection.test', { type: 'connection', id: life.h.defenderId })).details).toEqual({ ok: true });

    await deleteConnection(admin, conn.id);
    await expectEntry(admin, 'connection.delete', { type: 'connection', id: conn.id });
    const all = JSON.stringify(await db().auditEvent.findMany());
    expect(all).not.toContain(secret);
  });

  it('manual run, cancel, resubmit and retry', async () => {
    const editor = await user('editor');
    const alert = await life.h.raise('High');
    const { runId } = await startManualRun(editor, life.h.flowId, { alertId: alert.id });
    expect((await expectEntry(editor, 'run.manual', { type: 'run', id: runId })).details).toMatchObject({ flowId: life.h.flowId, alertId: alert.id });
    await cancelRun(editor, runId);
    await expectEntry(editor, 'run.cancel', { type: 'run', id: runId });
    const resubmitted = await resubmitRun(editor, runId, {});
    expect((await expectEntry(editor, 'run.resubmit', { type: 'run', id: runId })).details).toMatchObject({ newRunId: resubmitted.id });
    const retried = await retryRunFromFailure(editor, runId);
    expect((await expectEntry(editor, 'run.retry', { type: 'run', id: runId })).details).toMatchObject({ newRunId: retried.id });
  });

  it('approval decisions: in the app by the user, by signed link as the approver from the clicking address', async () => {
    const editor = await user('editor');
    const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId } });
    const waitingRun = async () => {
      const id = randomUUID();
      await db().run.create({ data: { id, flowId: flow.id, flowVersionId: flow.publishedVersionId!, status: 'waiting', triggerKind: 'manual', triggerData: {} } });
      await db().stepRun.create({ data: { runId: id, nodeId: 'approve', type: 'control.approval', status: 'waiting', attempt: 1, seq: 2 } });
      return id;
    };
    const ask = (runId: string, smtp?: string) =>
      requestApproval({ runId, nodeId: 'approve', title: 'Isolate?', details: 'd', approvers: ['duty@test.local'], timeoutMinutes: 60, timeoutOutcome: 'rejected', smtpConnectionId: smtp });

    const inApp = await ask(await waitingRun());
    await decideApproval(inApp.approvalId, { decision: 'approve' }, { kind: 'user', principal: editor });
    expect((await expectEntry(editor, 'approval.decide', { type: 'approval', id: inApp.approvalId })).details).toMatchObject({ outcome: 'approved', decidedBy: editor.email, via: 'user' });

    const byLink = await ask(await waitingRun(), life.h.smtpId);
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { to: { has: 'duty@test.local' } } }));
    const link = new URL(/Reject: +(\S+)/.exec(mail.text)?.[1] ?? '');
    await decideApproval(byLink.approvalId, { decision: 'reject' }, { kind: 'link', approver: link.searchParams.get('a')!, signature: link.searchParams.get('s')!, ip: '198.51.100.23', userAgent: 'Mail client' });
    const [entry] = await entries('approval.decide', byLink.approvalId);
    expect(entry).toMatchObject({ actorId: null, actorEmail: 'duty@test.local', ip: '198.51.100.23', userAgent: 'Mail client', targetType: 'approval' });
    expect(entry?.details).toMatchObject({ outcome: 'rejected', decidedBy: 'duty@test.local', via: 'link' });
  });

  it('token creation and sign-in', async () => {
    const admin = await user('admin', 'owner@test.local');
    const created = await createTokenFor(admin, { name: 'ci', role: 'viewer' });
    const token = await expectEntry(admin, 'token.create', { type: 'apiToken', id: created.id });
    expect(token.details).toEqual({ name: 'ci', role: 'viewer', expiresAt: null });
    expect(JSON.stringify(token.details)).not.toMatch(/rpt_/);

    const session = await login({ email: 'owner@test.local', password: PASSWORD });
    const [signIn] = await entries('user.login', admin.userId);
    expect(signIn).toMatchObject({ actorId: session.userId, actorEmail: 'owner@test.local', targetType: 'user', targetId: admin.userId });
    expect(await statusOf(login({ email: 'owner@test.local', password: 'wrong-password' }))).toBe(401);
    // A refused sign-in never records a successful one.
    expect(await entries('user.login', admin.userId)).toHaveLength(1);
  });
});

/** The harness's own setup is audited too (as system); the list tests start from an empty log. */
async function emptyLog(): Promise<void> {
  await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
}

/** Entries written straight to the table with chosen times (several share one instant). */
async function seed(n: number, opts: { base?: Date; step?: number } = {}): Promise<void> {
  const base = opts.base ?? new Date();
  await db().auditEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      at: new Date(base.getTime() - Math.floor(i / 3) * (opts.step ?? 1000)),
      actorEmail: i % 2 ? 'alice@corp.test' : 'bob@corp.test',
      actorId: null,
      action: i % 4 === 0 ? 'flow.publish' : i % 4 === 1 ? 'connection.update' : i % 4 === 2 ? 'run.cancel' : 'user.login',
      targetType: i % 4 === 0 ? 'flow' : i % 4 === 1 ? 'connection' : i % 4 === 2 ? 'run' : 'user',
      targetId: `t-${i % 5}`,
      ip: i % 3 === 0 ? '10.0.0.5' : i % 3 === 1 ? '10.0.1.9' : '192.0.2.1',
      userAgent: 'seed',
      details: { i },
    })),
  });
}

async function allPages(query: Record<string, unknown>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await listAuditEvents({ ...query, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('the list', () => {
  it('keyset pages: newest first, no duplicates or gaps, even as new entries arrive; back again with newer', async () => {
    await emptyLog();
    await seed(61);
    const expected = (await db().$queryRaw<{ id: string }[]>`SELECT "id" FROM "AuditEvent" ORDER BY "at" DESC, "id" DESC`).map((r) => r.id);
    expect(expected).toHaveLength(61);

    const seen: AuditEntry[] = [];
    const cursors: string[] = [];
    let page = await listAuditEvents({ limit: 7 });
    expect(page.prevCursor).toBeNull();
    for (;;) {
      seen.push(...page.items);
      // Entries written meanwhile are newer: they never shift the pages still to come.
      await audit(null, 'flow.update', { type: 'flow', id: randomUUID() });
      if (!page.nextCursor) break;
      cursors.push(page.nextCursor);
      page = await listAuditEvents({ limit: 7, cursor: page.nextCursor });
    }
    expect(seen.map((e) => e.id)).toEqual(expected);
    expect(new Set(seen.map((e) => e.id)).size).toBe(61);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.at >= seen[i]!.at).toBe(true);

    // Going back from the third page gives the second page again.
    const third = await listAuditEvents({ limit: 7, cursor: cursors[1] });
    const back = await listAuditEvents({ limit: 7, cursor: third.prevCursor, direction: 'newer' });
    expect(back.items.map((e) => e.id)).toEqual(expected.slice(7, 14));
    expect(back.nextCursor).not.toBeNull();
  });

  it('filters by actor, action, category, target, address and time; bad filters are a 400', async () => {
    await emptyLog();
    await seed(24);
    await seed(6, { base: new Date(Date.now() - 3 * 86_400_000) });
    const ids = async (q: Record<string, unknown>) => (await allPages(q)).map((e) => e.id).sort();
    const where = async (sql: Prisma.AuditEventWhereInput) =>
      (await db().auditEvent.findMany({ where: sql, select: { id: true } })).map((r) => r.id).sort();

    expect(await ids({ actor: 'ALICE' })).toEqual(await where({ actorEmail: 'alice@corp.test' }));
    expect(await ids({ action: 'flow.publish' })).toEqual(await where({ action: 'flow.publish' }));
    expect(await ids({ category: 'runs' })).toEqual(await where({ action: 'run.cancel' }));
    expect(await ids({ targetType: 'flow', targetId: 't-0' })).toEqual(await where({ targetType: 'flow', targetId: 't-0' }));
    expect(await ids({ ip: '10.0.0.5' })).toEqual(await where({ ip: '10.0.0.5' }));
    expect(await ids({ ip: '10.0.*' })).toEqual(await where({ ip: { in: ['10.0.0.5', '10.0.1.9'] } }));
    expect(await ids({ range: '24h' })).toHaveLength(24);
    expect(await ids({ range: '7d' })).toHaveLength(30);
    const from = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 2 * 86_400_000).toISOString();
    expect(await ids({ range: 'custom', from, to })).toHaveLength(6);
    expect((await allPages({ actor: 'nobody-here' })).length).toBe(0);
    // The catalogue gives labels and categories.
    expect((await listAuditEvents({ action: 'flow.publish', limit: 1 })).items[0]).toMatchObject({ label: 'Flow published', category: 'flows' });

    expect(await statusOf(listAuditEvents({ category: 'nope' }))).toBe(400);
    expect(await statusOf(listAuditEvents({ cursor: 'not-a-cursor' }))).toBe(400);
    expect(await statusOf(listAuditEvents({ range: 'custom', from: to, to: from }))).toBe(400);
    expect(await statusOf(listAuditEvents({ from: 'yesterday' }))).toBe(400);
    expect(await statusOf(listAuditEvents({ limit: 0 }))).toBe(400);
  });
});

async function cookieFor(role: Role): Promise<string> {
  const u = await user(role);
  const { token } = await createSession(u.userId);
  return `riposte_session=${token}`;
}

const request = (path: string, cookie: string) =>
  new NextRequest(`http://localhost${path}`, { headers: { cookie, 'x-forwarded-for': '198.51.100.40', 'user-agent': 'curl/8.5' } });
const noParams = { params: Promise.resolve({}) };

describe('the JSON lines export', () => {
  it('streams every filtered row, newest first, as one JSON object a line, and is itself audited', async () => {
    await emptyLog();
    await seed(45);
    const cookie = await cookieFor('admin');
    const res = await exportRoute(request('/api/v1/audit/export?category=flows&ip=10.0.*', cookie), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="riposte-audit-\d{8}T\d{4}Z\.jsonl"$/);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    const listed = await allPages({ category: 'flows', ip: '10.0.*' });
    expect(listed.length).toBeGreaterThan(3);
    expect(lines).toEqual(listed);

    const [exported] = await entries('audit.export');
    expect(exported).toMatchObject({ actorEmail: expect.stringMatching(/^admin-/), ip: '198.51.100.40', userAgent: 'curl/8.5', targetType: 'audit' });
    expect(exported?.details).toEqual({ filter: { category: 'flows', ip: '10.0.*' } });
  });

  it('reads in keyset batches: small batches give the same rows as the list', async () => {
    await emptyLog();
    await seed(50);
    const admin = await user('admin');
    const { stream } = await exportAuditEvents(admin, {}, { batchSize: 7 });
    const text = await new Response(stream).text();
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    // The export's own entry was written first, so it is the newest line.
    expect(lines[0]?.action).toBe('audit.export');
    expect(lines.map((l) => l.id)).toEqual((await allPages({})).map((e) => e.id));
    expect(lines).toHaveLength(51);
  });

  it('admins only; a bad filter is a 400 before anything is streamed or audited', async () => {
    const viewer = await cookieFor('viewer');
    const editor = await cookieFor('editor');
    expect((await exportRoute(request('/api/v1/audit/export', viewer), noParams)).status).toBe(403);
    expect((await exportRoute(request('/api/v1/audit/export', editor), noParams)).status).toBe(403);
    expect((await listRoute(request('/api/v1/audit', viewer), noParams)).status).toBe(403);
    expect((await exportRoute(new NextRequest('http://localhost/api/v1/audit/export'), noParams)).status).toBe(401);
    const admin = await cookieFor('admin');
    const bad = await exportRoute(request('/api/v1/audit/export?category=nope', admin), noParams);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/category/);
    expect(await entries('audit.export')).toHaveLength(0);
    const page = await listRoute(request('/api/v1/audit?limit=2', admin), noParams);
    expect(page.status).toBe(200);
    // The harness's setup wrote more than two entries: a full first page with a cursor onwards.
    const body = (await page.json()) as { items: AuditEntry[]; nextCursor: string | null; prevCursor: string | null };
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(body.prevCursor).toBeNull();
  });
});

describe('immutability', () => {
  it('the database refuses UPDATE and DELETE of entries through Prisma; TRUNCATE (test resets) still works', async () => {
    await audit({ email: 'someone@test.local', ip: IP }, 'flow.delete', { type: 'flow', id: 'f-1' });
    const row = await db().auditEvent.findFirstOrThrow();
    await expect(db().auditEvent.update({ where: { id: row.id }, data: { actorEmail: 'someone-else@test.local' } })).rejects.toThrow(
      /Audit entries are immutable: UPDATE on "AuditEvent" is not allowed/,
    );
    await expect(db().auditEvent.updateMany({ data: { ip: null } })).rejects.toThrow(/Audit entries are immutable: UPDATE/);
    await expect(db().auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/Audit entries are immutable: DELETE on "AuditEvent" is not allowed/);
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/Audit entries are immutable: DELETE/);
    await expect(db().$executeRawUnsafe('DELETE FROM "AuditEvent"')).rejects.toThrow(/immutable/);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);

    await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
    expect(await db().auditEvent.count()).toBe(0);
  });
});
