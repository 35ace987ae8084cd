// Email with an attachment through real SMTP: rows from a token arrive as a CSV file (RFC 4180,
// formula cells defused), with the name and content type the step asked for.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

const life = useHarness({ seedFlowOn: false });

async function runFlow(emailParams: Record<string, unknown>, rows: unknown) {
  const flow = await createFlow(null, {
    name: 'Report with attachment',
    graph: buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
        buildNode('hunting', 'control.compose', { value: rows }),
        buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'Report', body: 'See attached.', ...emailParams }),
      ],
      [buildEdge('trigger', 'hunting'), buildEdge('hunting', 'tell')],
    ),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  await life.startWorker();
  await life.h.raise('High');
  return eventually(async () => {
    const r = await db().run.findFirst({ where: { flowId: flow.id }, include: { steps: true } });
    return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
  }, 30_000);
}

describe('email attachment', () => {
  it('sends rows from a token as a CSV attachment', async () => {
    const run = await runFlow(
      { attachmentName: 'hunting-results.csv', attachmentContent: '{{ hunting.value }}' },
      [
        // Keys in Postgres jsonb order (shorter first), the order a stored flow gives them back in.
        { Device: 'ws-01', Account: '{{ trigger.machineId }}', Command: '=cmd|"/c calc"!A1' },
        { Device: 'ws-02, annex', Extra_note: 'line1\nline2' },
      ],
    );
    expect(run.status).toBe('succeeded');
    const machineId = (run.steps.find((s) => s.nodeId === 'hunting')!.output as { value: { Account: string }[] }).value[0]!.Account;
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: 'Report' } }));
    expect(mail.text.trim()).toBe('See attached.');
    expect(mail.attachments).toEqual([
      {
        filename: 'hunting-results.csv',
        contentType: 'text/csv',
        size: expect.any(Number),
        text: `Device,Account,Command,Extra_note\r\nws-01,${machineId},"'=cmd|""/c calc""!A1",\r\n"ws-02, annex",,,"line1\nline2"\r\n`,
      },
    ]);
  });

  it('an object becomes a JSON attachment', async () => {
    const ok = await runFlow({ attachmentName: 'alert.json', attachmentContent: '{{ hunting.value }}' }, { id: '{{ trigger.id }}', n: 1 });
    expect(ok.status).toBe('succeeded');
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: 'Report' } }));
    const [attachment] = mail.attachments as { filename: string; contentType: string; text: string }[];
    expect(attachment).toMatchObject({ filename: 'alert.json', contentType: 'application/json' });
    expect(JSON.parse(attachment!.text)).toMatchObject({ n: 1 });
  });

  it('a CSV of plain text fails the step with AttachmentNotRows', async () => {
    const run = await runFlow({ attachmentName: 'x.csv', attachmentContent: '{{ hunting.value }}', attachmentFormat: 'csv' }, 'just text');
    expect(run.status).toBe('failed');
    expect(run.steps.find((s) => s.nodeId === 'tell')).toMatchObject({ status: 'failed', error: { code: 'AttachmentNotRows' } });
    expect(await db().capturedEmail.count()).toBe(0);
  });
});
