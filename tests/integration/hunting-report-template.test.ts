// The "daily hunting report" template end to end: created from the template with real
// connections, published, run now (as its schedule would), the hunting query runs against the
// simulator's tables and the SOC gets the rows by email.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import type { Principal } from '@/server/auth/roles';
import { getTemplate } from '@/core/templates';
import { createFlow, publishFlow } from '@/server/services/flows';
import { startManualRun } from '@/server/services/manual-runs';

const editor: Principal = { userId: '00000000-0000-4000-8000-00000000e003', email: 'builder@test.local', role: 'editor', via: 'session' };
const life = useHarness({}, async () => {
  await db().user.create({ data: { id: editor.userId, email: editor.email, passwordHash: 'x', role: 'editor' } });
});

describe('daily hunting report template', () => {
  it('hunts and emails the rows', async () => {
    // Alerts put processes on the simulator's devices for the query to find.
    await life.h.raise('High');
    await life.h.raise('Medium');
    const graph = getTemplate('hunting-report')!.build({ defenderConnectionId: life.h.defenderId, smtpConnectionId: life.h.smtpId, socEmail: 'soc@test.local' });
    const flow = await createFlow(null, { name: 'Daily hunting report', graph });
    await publishFlow(null, flow.id);
    await life.startWorker({ pollIntervalSeconds: 3600 });

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
    const [call] = await life.h.calls('/security/runHuntingQuery', 'POST');
    expect((call?.body as { Query: string }).Query).toContain('DeviceProcessEvents');

    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: 'Hunting report' } } }));
    expect(mail.to).toEqual(['soc@test.local']);
    expect(mail.subject).toBe(`Hunting report: ${out.rowCount} device(s) ran unusual PowerShell`);
    expect(mail.text).toContain(String(out.results[0]?.DeviceName));
  });
});
