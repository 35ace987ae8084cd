// Steps that pause a run without holding a worker: Delay (resumes when due) and Request approval
// (resumes when decided, on the "approved" or "rejected" handle).
import { describe, expect, it } from 'vitest';
import { checkFlow } from '../flow/check';
import type { TDraftGraph, TExecutableGraph } from '../flow/schema';
import { createFakePorts, type FakeHandler } from '../testing/fake-ports';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildAlert, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { executeRun } from './execute';
import { stepKey, type StepRecord } from './types';

function checked(graph: TDraftGraph): TExecutableGraph {
  const result = checkFlow(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.graph;
}

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const mail = buildNode('tell', 'email.send', { connectionId: SMTP, to: 'soc@x.test', subject: 'Done', body: 'ok' });
const handlers: Record<string, FakeHandler> = {
  'email.send': () => ({ messageId: '<m@x>', accepted: ['soc@x.test'] }),
  'defender.isolateMachine': () => ({ id: 'act-1', status: 'Pending', alreadyRequested: false }),
};

async function run(graph: TExecutableGraph, opts: { previous?: StepRecord[]; at?: number; extra?: Record<string, FakeHandler> } = {}) {
  const ports = createFakePorts({ ...handlers, ...opts.extra }, opts.at ?? T0);
  const previous = new Map((opts.previous ?? []).map((s) => [stepKey(s.nodeId, s.iteration), s]));
  const outcome = await executeRun({ graph, trigger: buildAlert(), previous, attempt: 1, finalAttempt: false, ports });
  return { outcome, ports };
}

const byNode = (steps: StepRecord[]) => Object.fromEntries(steps.map((s) => [s.nodeId, s]));

describe('Delay', () => {
  const graph = checked(
    buildGraph(
      [buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('wait', 'control.delay', { amount: 10, unit: 'minutes' }), mail],
      [buildEdge('trigger', 'wait'), buildEdge('wait', 'tell')],
    ),
  );

  it('pauses with the due time recorded, then continues once it is due, without re-waiting', async () => {
    const first = await run(graph);
    expect(first.outcome.status).toBe('waiting');
    const due = (first.outcome as { resumeAt: Date }).resumeAt;
    expect(due.getTime()).toBeGreaterThan(T0 + 10 * 60_000 - 1000);
    expect(byNode(first.ports.steps).wait).toMatchObject({ status: 'waiting', output: { until: due.toISOString() } });
    expect(first.ports.invocations).toHaveLength(0);
    // Recorded durably before the run lets go of its worker.
    expect(first.ports.events.at(-1)).toBe('checkpoint');

    const early = await run(graph, { previous: first.ports.steps, at: T0 + 60_000 });
    expect(early.outcome).toEqual({ status: 'waiting', nodeId: 'wait', resumeAt: due });
    expect(early.ports.invocations).toHaveLength(0);

    const later = await run(graph, { previous: first.ports.steps, at: due.getTime() + 1000 });
    expect(later.outcome).toEqual({ status: 'succeeded' });
    expect(byNode(later.ports.steps).wait).toMatchObject({ status: 'succeeded', output: { until: due.toISOString() } });
    expect((byNode(later.ports.steps).wait!.output as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(10 * 60_000);
    expect(later.ports.invocations.map((i) => i.nodeId)).toEqual(['tell']);
  });

  it('does not wait for a time already past', async () => {
    const past = checked(
      buildGraph(
        [buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('wait', 'control.delay', { until: '2020-01-01T00:00:00Z' }), mail],
        [buildEdge('trigger', 'wait'), buildEdge('wait', 'tell')],
      ),
    );
    const { outcome, ports } = await run(past);
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(byNode(ports.steps).wait).toMatchObject({ status: 'succeeded', output: { waitedMs: 0 } });
  });

  it('refuses more than 30 days and a delay with neither duration nor time', async () => {
    const long = checked(
      buildGraph(
        [buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('wait', 'control.delay', { amount: 31, unit: 'days' }), mail],
        [buildEdge('trigger', 'wait'), buildEdge('wait', 'tell')],
      ),
    );
    const { outcome } = await run(long);
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'wait', code: 'InvalidDelay' } });
    const none = checkFlow(
      buildGraph([buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('wait', 'control.delay', {})], [buildEdge('trigger', 'wait')]),
    );
    expect(none.ok).toBe(false);
    expect(none.issues.some((i) => i.nodeId === 'wait')).toBe(true);
  });
});

describe('Request approval', () => {
  const graph = checked(
    buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
        buildNode('ask', 'control.approval', { title: 'Isolate {{ trigger.computerDnsName }}?', approvers: 'lead@x.test', timeoutHours: 4 }),
        buildNode('isolate', 'defender.isolateMachine', { connectionId: DEF, machineId: '{{ trigger.machineId }}', comment: 'Approved by {{ ask.decidedBy }}' }),
        mail,
      ],
      [buildEdge('trigger', 'ask'), buildEdge('ask', 'isolate', 'approved'), buildEdge('ask', 'tell', 'rejected')],
    ),
  );
  const pending: FakeHandler = () => ({ approvalId: 'ap-1', status: 'pending', expiresAt: '2026-01-15T14:00:00.000Z' });

  it('asks, then pauses with no deadline of its own (the decision wakes it)', async () => {
    const { outcome, ports } = await run(graph, { extra: { 'control.approval': pending } });
    expect(outcome).toEqual({ status: 'waiting', nodeId: 'ask' });
    expect(ports.invocations.map((i) => [i.nodeId, i.iteration])).toEqual([['ask', '']]);
    expect(ports.invocations[0]?.params).toMatchObject({ title: `Isolate ${buildAlert().computerDnsName}?`, approvers: ['lead@x.test'], timeoutHours: 4, timeoutOutcome: 'rejected' });
    expect(byNode(ports.steps).ask).toMatchObject({ status: 'waiting', output: { approvalId: 'ap-1', status: 'pending' } });
    expect(byNode(ports.steps).isolate).toBeUndefined();
  });

  it('stays paused while undecided, without asking again', async () => {
    const first = await run(graph, { extra: { 'control.approval': pending } });
    const again = await run(graph, { previous: first.ports.steps, extra: { 'control.approval': pending } });
    expect(again.outcome).toEqual({ status: 'waiting', nodeId: 'ask' });
    expect(again.ports.invocations).toHaveLength(0);
  });

  it('continues on "approved" with the decision as tokens, or on "rejected"', async () => {
    const first = await run(graph, { extra: { 'control.approval': pending } });
    const decided = (outcome: string) =>
      first.ports.steps.map((s) =>
        s.nodeId === 'ask' ? { ...s, status: 'succeeded' as const, output: { approvalId: 'ap-1', outcome, decidedBy: 'lead@x.test', decidedAt: '2026-01-15T11:00:00.000Z', comment: null, timedOut: false } } : s,
      );
    const yes = await run(graph, { previous: decided('approved') });
    expect(yes.outcome).toEqual({ status: 'succeeded' });
    expect(yes.ports.invocations.map((i) => i.nodeId)).toEqual(['isolate']);
    expect(yes.ports.invocations[0]?.params.comment).toBe('Approved by lead@x.test');
    expect(byNode(yes.ports.steps).tell?.status).toBe('skipped');

    const no = await run(graph, { previous: decided('rejected') });
    expect(no.ports.invocations.map((i) => i.nodeId)).toEqual(['tell']);
    expect(byNode(no.ports.steps).isolate?.status).toBe('skipped');
  });

  it('takes the decision at once when the request was already decided', async () => {
    const decided: FakeHandler = () => ({ approvalId: 'ap-1', outcome: 'approved', decidedBy: 'timeout', decidedAt: '2026-01-15T14:00:00.000Z', comment: null, timedOut: true });
    const { outcome, ports } = await run(graph, { extra: { 'control.approval': decided } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(byNode(ports.steps).ask?.status).toBe('succeeded');
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['ask', 'isolate']);
  });
});

describe('run time limit', () => {
  it('starts no step after the deadline and ends the run timed out', async () => {
    const graph = checked(
      buildGraph([buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), mail], [buildEdge('trigger', 'tell')]),
    );
    const ports = createFakePorts(handlers, T0);
    const outcome = await executeRun({ graph, trigger: buildAlert(), previous: new Map(), attempt: 1, finalAttempt: false, deadline: new Date(T0 - 1), ports });
    expect(outcome).toMatchObject({ status: 'timed_out', error: { nodeId: 'tell', code: 'RunTimedOut' } });
    expect(ports.invocations).toHaveLength(0);
    const inTime = await executeRun({ graph, trigger: buildAlert(), previous: new Map(), attempt: 1, finalAttempt: false, deadline: new Date(T0 + 60_000), ports: createFakePorts(handlers, T0) });
    expect(inTime).toEqual({ status: 'succeeded' });
  });
});
