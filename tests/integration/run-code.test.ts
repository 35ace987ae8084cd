// Run code on real parts: New alert → Get alert (simulator) → Run code (QuickJS sandbox) computes
// a risk score from the alert's severity and evidence count → a condition on the code's output
// token → email. A second flow's code loops forever: that step fails with CodeTimeout, and the
// same worker process then runs the first flow again without trouble.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { closeMailTransports } from '@/server/mail/mailer';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';

const RISK_CODE = `const WEIGHT = { High: 60, Medium: 30, Low: 10, Informational: 0 };
export default function main(input) {
  const evidence = Array.isArray(input.evidence) ? input.evidence.length : 0;
  const score = Math.min(100, (WEIGHT[input.severity] ?? 0) + Math.min(evidence, 3) * 5);
  console.log("severity", input.severity, "evidence", evidence);
  return { score, level: score >= 50 ? "high" : "low", title: input.title };
}
`;

let h: Harness;

async function flowWith(name: string, code: string, timeoutMs = 1000): Promise<string> {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
      buildNode('get_alert', 'defender.getAlert', { connectionId: h.defenderId, alertId: '{{ trigger.id }}' }),
      buildNode('run_code', 'code.run', {
        code,
        timeoutMs,
        inputs: [
          { name: 'severity', value: '{{ get_alert.severity }}' },
          { name: 'evidence', value: '{{ get_alert.evidence }}' },
          { name: 'title', value: '{{ get_alert.title }}' },
        ],
        outputFields: [
          { name: 'score', type: 'number' },
          { name: 'level', type: 'string' },
        ],
      }),
      buildNode('risky', 'control.condition', { combinator: 'and', rules: [{ left: '{{ run_code.result.score }}', operator: 'greaterOrEquals', right: '50' }] }),
      buildNode('mail', 'email.send', {
        connectionId: h.smtpId,
        to: 'soc@test.local',
        subject: 'Risk {{ run_code.result.score }} ({{ run_code.result.level }}): {{ run_code.result.title }}',
        body: 'Console: {{ run_code.logs[0].message }}',
      }),
    ],
    [buildEdge('trigger', 'get_alert'), buildEdge('get_alert', 'run_code'), buildEdge('run_code', 'risky'), buildEdge('risky', 'mail', 'true')],
  );
  const flow = await createFlow(null, { name, graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

beforeEach(async () => {
  await flushQueues();
  h = await startHarness();
  await db().flow.update({ where: { id: h.flowId }, data: { enabled: false } });
});

afterEach(async () => {
  closeMailTransports();
  await h.close();
});

afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

async function runFor(severity: 'High' | 'Low'): Promise<{ runId: string; alert: { id: string; title: string } }> {
  const alert = await h.raise(severity);
  const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
  expect(runIds).toHaveLength(1);
  return { runId: runIds[0]!, alert };
}

const step = (runId: string, nodeId: string) => db().stepRun.findFirstOrThrow({ where: { runId, nodeId } });

describe('Run code (integration)', () => {
  it('scores a High alert from its severity and evidence, and the condition emails the score', async () => {
    await flowWith('Risk score', RISK_CODE);
    const { runId, alert } = await runFor('High');
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');

    const code = await step(runId, 'run_code');
    expect(code.status).toBe('succeeded');
    const alertOut = (await step(runId, 'get_alert')).output as { evidence: unknown[] };
    const expected = Math.min(100, 60 + Math.min(alertOut.evidence.length, 3) * 5);
    expect(code.output).toMatchObject({
      result: { score: expected, level: 'high', title: alert.title },
      logs: [{ level: 'log', message: `severity High evidence ${alertOut.evidence.length}` }],
      durationMs: expect.any(Number),
    });
    // The step records the resolved inputs as data: the evidence list itself, not text.
    expect(code.input).toMatchObject({ inputs: [{ name: 'severity', value: 'High' }, { name: 'evidence', value: alertOut.evidence }, { name: 'title', value: alert.title }] });

    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: `Risk ${expected} (high)` } } }));
    expect(mail.subject).toBe(`Risk ${expected} (high): ${alert.title}`);
    expect((await step(runId, 'risky')).status).toBe('succeeded');
  });

  it('a Low alert scores under 50 whatever its evidence (at most 3 × 5 points): the condition is false and no email is sent', async () => {
    await flowWith('Risk score', RISK_CODE);
    const { runId } = await runFor('Low');
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');
    const out = (await step(runId, 'run_code')).output as { result: { score: number; level: string } };
    expect(out.result.score).toBeLessThan(50);
    expect(out.result.level).toBe('low');
    expect((await step(runId, 'mail')).status).toBe('skipped');
  });

  it('an infinite loop fails the step with CodeTimeout at its limit; the worker then runs the next flow normally', async () => {
    const loopFlow = await flowWith('Loops forever', 'export default function main() { for (;;) {} }', 200);
    const { runId } = await runFor('High');
    const started = Date.now();
    await expect(executeRunById(runId, { finalAttempt: true, resumed: false })).resolves.toBe('failed');
    expect(Date.now() - started).toBeLessThan(10_000);
    const failed = await step(runId, 'run_code');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'CodeTimeout', message: 'The code ran longer than 200 ms and was stopped.' });
    expect((await step(runId, 'mail')).status).toBe('skipped');

    // Same process, next alert, a healthy flow: the sandbox works as before.
    await setFlowEnabled(null, loopFlow, false);
    await flowWith('Risk score', RISK_CODE);
    const next = await runFor('High');
    await expect(executeRunById(next.runId, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');
    expect((await step(next.runId, 'run_code')).output).toMatchObject({ result: { level: 'high' } });
  });
});
