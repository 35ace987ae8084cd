// Email with an HTML version through real SMTP: alert text put into the HTML by tokens arrives
// escaped (never markup), Bcc recipients get the message, the plain text stays plain; Cc and
// Importance arrive as headers.
import { describe, expect, it } from 'vitest';
import { createConnection } from '@/server/services/connections';
import { startSmtpRecorder } from './smtp-recorder';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

const life = useHarness({ seedFlowOn: false });

describe('email with HTML', () => {
  it('escapes token values in the HTML body and delivers to Bcc', async () => {
    const h = life.h;
    const flow = await createFlow(null, {
      name: 'HTML report',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('tell', 'email.send', {
            connectionId: h.smtpId, to: 'soc@test.local', bcc: 'audit@test.local', subject: 'Alert', body: 'Alert: {{ trigger.title }}',
            html: '<h1>Alert</h1><p>{{ trigger.title }}</p>',
          }),
        ],
        [buildEdge('trigger', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    await fetch(`${h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', title: '<script>alert(1)</script> & more' }) });
    await life.startWorker();
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: 'Alert' } }));
    expect(mail.html).toContain('<h1>Alert</h1><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text.trim()).toBe('Alert: <script>alert(1)</script> & more');
    // The mail can arrive before the worker has recorded the step that sent it.
    const step = await eventually(() => db().stepRun.findFirst({ where: { run: { flowId: flow.id }, nodeId: 'tell', status: 'succeeded' } }));
    expect(step.output).toMatchObject({ accepted: expect.arrayContaining(['soc@test.local', 'audit@test.local']) });
  });

  it('sends Cc as a header and importance as Importance / X-Priority', async () => {
    const h = life.h;
    // A recording server: the shared capture folds Cc into its recipient list.
    const recorder = await startSmtpRecorder('plain');
    try {
      const relay = await createConnection(null, { kind: 'smtp', name: 'Recorder', host: '127.0.0.1', port: recorder.port, tlsMode: 'none', from: 'riposte@test.local' });
      const flow = await createFlow(null, {
        name: 'Urgent mail',
        graph: buildGraph(
          [
            buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
            buildNode('tell', 'email.send', { connectionId: relay.id, to: 'soc@test.local', cc: 'lead@test.local; ciso@test.local', subject: 'Urgent', body: 'x', importance: 'high' }),
            buildNode('fyi', 'email.send', { connectionId: relay.id, to: 'soc@test.local', subject: 'FYI', body: 'x', importance: 'low' }),
          ],
          [buildEdge('trigger', 'tell'), buildEdge('tell', 'fyi')],
        ),
      });
      await publishFlow(null, flow.id);
      await setFlowEnabled(null, flow.id, true);
      await h.raise('High');
      await life.startWorker();
      await eventually(async () => recorder.mails.length === 2);
      const [urgent, fyi] = recorder.mails;
      expect(urgent).toMatchObject({ subject: 'Urgent', to: ['soc@test.local'], cc: ['lead@test.local', 'ciso@test.local'] });
      expect(urgent!.header('Importance')).toBe('High');
      expect(urgent!.header('X-Priority')).toBe('1 (Highest)');
      expect(fyi).toMatchObject({ subject: 'FYI', cc: [] });
      expect(fyi!.header('Importance')).toBe('Low');
      expect(fyi!.header('X-Priority')).toBe('5 (Lowest)');
      expect(urgent!.header('Cc')).toBe('lead@test.local, ciso@test.local');
    } finally {
      await recorder.close();
    }
  });
});
