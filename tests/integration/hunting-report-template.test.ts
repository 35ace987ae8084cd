// The "daily hunting report" template end to end: created from the template with real
// connections, published, run now (as its schedule would), the hunting query runs against the
// simulator's tables and the SOC gets the rows by email.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import type { Principal } from '@/server/auth/roles';
import { getTemplate } from '@/core/templates';
import { createFlow, publishFlow } from '@/server/services/flows';
import { startManualRun } from '@/server/services/manual-runs';
import { closeMailTransports } from '@/server/mail/mailer';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';

const editor: Principal = { userId: '00000000-0000-4000-8000-00000000e003', email: 'builder@test.local', role: 'editor', via: 'session' };
let h: Harness;
let worker: WorkerHandle | null = null;

beforeEach(async () => {
  await flushQueues();
  h = await startHarness();
  await db().user.create({ data: { id: editor.userId, email: editor.email, passwordHash: 'x', role: 'editor' } });
});

afterEach(async () => {
  await worker?.close();
  worker = null;
  closeMailTransports();
  await h.close();
});

afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

describe('daily hunting report template', () => {
  it('hunts and emails the rows', async () => {
    // Alerts put processes on the simulator's devices for the query to find.
    await h.raise('High');
    await h.raise('Medium');
    const graph = getTemplate('hunting-report')!.build({ defenderConnectionId: h.defenderId, smtpConnectionId: h.smtpId, socEmail: 'soc@test.local' });
    const flow = await createFlow(null, { name: 'Daily hunting report', graph });
    await publishFlow(null, flow.id);
    worker = await startWorker({ pollIntervalSeconds: 3600, maintenanceEveryMs: 500, log: () => undefined });

    const { runId } = await startManualRun(editor, flow.id, {});
    const run = await eventually(async () => {
      const r = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
      return r.status === 'succeeded' || r.status === 'failed' ? r : null;
    });
    expect(run.error).toBeNull();
    const hunt = run.steps.find((s) => s.nodeId === 'hunt')!;
    const out = hunt.output as { rowCount: number; schema: { name: string }[]; results: Record<string, unknown>[] };
    expect(out.schema.map((c) => c.name)).toEqual(['DeviceName', 'Executions']);
    expect(out.rowCount).toBeGreaterThan(0);
    const [call] = await h.calls('/security/runHuntingQuery', 'POST');
    expect((call?.body as { Query: string }).Query).toContain('DeviceProcessEvents');

    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: 'Hunting report' } } }));
    expect(mail.to).toEqual(['soc@test.local']);
    expect(mail.subject).toBe(`Hunting report: ${out.rowCount} device(s) ran unusual PowerShell`);
    expect(mail.text).toContain(String(out.results[0]?.DeviceName));
  });
});
