// Per-step retry policies: a transient failure is retried as the step's settings say (default:
// 4 retries, 7 s doubling), each try recorded as `running` with its error; past the count the step
// fails and its error branch runs; a Retry-After longer than the policy's wait is honoured.
import { describe, expect, it } from 'vitest';
import { ActionError } from '../errors';
import { checkFlow } from '../flow/check';
import type { TExecutableGraph } from '../flow/schema';
import type { TStepSettings } from '../flow/step-settings';
import { createFakePorts, type FakeHandler } from '../testing/fake-ports';
import { TEST_SMTP_CONNECTION_ID as SMTP, TEST_DEFENDER_CONNECTION_ID as DEF, buildAlert, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { executeRun } from './execute';
import { stepKey, type StepRecord } from './types';

function flow(settings?: TStepSettings): TExecutableGraph {
  const send = buildNode('send', 'email.send', { connectionId: SMTP, to: 'soc@x.test', subject: 's', body: 'b' });
  const r = checkFlow(
    buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
        settings === undefined ? send : { ...send, settings },
        buildNode('fallback', 'email.send', { connectionId: SMTP, to: 'oncall@x.test', subject: 'failed: {{ send.error.code }}', body: 'b' }),
      ],
      [buildEdge('trigger', 'send'), buildEdge('send', 'fallback', 'error')],
    ),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.graph;
}

const down: FakeHandler = (p) => {
  if (String(p.to).includes('soc@')) throw new ActionError('SmtpUnavailable', 'SMTP did not answer', { retryable: true });
  return { messageId: '<m>', accepted: p.to };
};

async function once(graph: TExecutableGraph, previous: StepRecord[], handler: FakeHandler = down) {
  const ports = createFakePorts({ 'email.send': handler });
  const outcome = await executeRun({
    graph, trigger: buildAlert(), previous: new Map(previous.map((s) => [stepKey(s.nodeId, s.iteration), s])), attempt: 1, finalAttempt: false, ports,
  });
  // What the next execution sees: the earlier records, updated by this one's.
  const merged = new Map(previous.map((s) => [stepKey(s.nodeId, s.iteration), s]));
  for (const s of ports.steps) merged.set(stepKey(s.nodeId, s.iteration), s);
  return { outcome, ports, steps: [...merged.values()] };
}

describe('retry policy', () => {
  it('default: 4 retries with growing waits, then the error branch', async () => {
    const graph = flow();
    let steps: StepRecord[] = [];
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await once(graph, steps);
      expect(r.outcome.status).toBe('retry');
      waits.push((r.outcome as { retryAfterMs: number }).retryAfterMs);
      expect(r.steps.find((s) => s.nodeId === 'send')).toMatchObject({ status: 'running', attempt: i + 1, error: { code: 'SmtpUnavailable' } });
      steps = r.steps;
    }
    expect(waits).toEqual([7000, 14_000, 28_000, 56_000]);
    const last = await once(graph, steps);
    expect(last.outcome).toEqual({ status: 'succeeded' });
    expect(last.steps.find((s) => s.nodeId === 'send')).toMatchObject({ status: 'failed', attempt: 5 });
    expect(last.ports.invocations.map((i) => i.params.subject)).toEqual(['s', 'failed: SmtpUnavailable']);
  });

  it('none: fails at once and takes the error branch', async () => {
    const r = await once(flow({ retry: { mode: 'none' } }), []);
    expect(r.outcome).toEqual({ status: 'succeeded' });
    expect(r.steps.find((s) => s.nodeId === 'send')).toMatchObject({ status: 'failed', attempt: 1 });
    expect(r.steps.find((s) => s.nodeId === 'fallback')?.status).toBe('succeeded');
  });

  it('a retried try is marked as retrying (so side effects reconcile) and succeeds on its count', async () => {
    const graph = flow({ retry: { mode: 'fixed', count: 1, intervalSeconds: 2 } });
    const first = await once(graph, []);
    expect(first.outcome).toMatchObject({ status: 'retry', retryAfterMs: 2000 });
    expect(first.ports.invocations[0]?.retrying).toBe(false);
    const second = await once(graph, first.steps, (p) => ({ messageId: '<m>', accepted: p.to }));
    expect(second.outcome).toEqual({ status: 'succeeded' });
    expect(second.ports.invocations[0]?.retrying).toBe(true);
    expect(second.steps.find((s) => s.nodeId === 'send')).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('honours a Retry-After longer than the policy wait', async () => {
    const graph = flow({ retry: { mode: 'fixed', count: 2, intervalSeconds: 1 } });
    const slow: FakeHandler = () => {
      throw new ActionError('SmtpBusy', 'try later', { retryable: true, retryAfterMs: 45_000 });
    };
    const r = await once(graph, [], slow);
    expect(r.outcome).toMatchObject({ status: 'retry', retryAfterMs: 45_000 });
  });

  it('passes the step timeout to the implementation (its settings, else the type default)', async () => {
    const withTimeout = await once(flow({ timeoutSeconds: 9 }), [], (p) => ({ messageId: '<m>', accepted: p.to }));
    expect(withTimeout.ports.invocations[0]?.timeoutMs).toBe(9000);
    const plain = await once(flow(), [], (p) => ({ messageId: '<m>', accepted: p.to }));
    expect(plain.ports.invocations[0]?.timeoutMs).toBe(120_000);
  });
});
