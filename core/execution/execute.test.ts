import { describe, it, expect } from 'vitest';
import { ActionError } from '../errors';
import { checkFlow } from '../flow/check';
import type { TDraftGraph, TExecutableGraph } from '../flow/schema';
import { createFakePorts, stepsByNode, type FakeHandler } from '../testing/fake-ports';
import {
  TEST_DEFENDER_CONNECTION_ID as DEF,
  TEST_SMTP_CONNECTION_ID as SMTP,
  buildAlert,
  buildEdge,
  buildGraph,
  buildMachineAction,
  buildNode,
  buildSeedFlow,
} from '../testing/builders';
import { executeRun } from './execute';
import type { StepRecord } from './types';

function checked(graph: TDraftGraph): TExecutableGraph {
  const result = checkFlow(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.graph;
}

const seed = checked(buildSeedFlow());

function seedHandlers(severity: string, overrides: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
  return {
    'defender.getAlert': (params) => buildAlert({ id: String(params.alertId), severity }),
    'defender.isolateMachine': (params) => ({ ...buildMachineAction({ scope: String(params.isolationType) }), alreadyRequested: false }),
    'email.send': (params) => ({ messageId: '<m1@riposte>', accepted: params.to }),
    ...overrides,
  };
}

function statuses(steps: StepRecord[]): Record<string, string> {
  return Object.fromEntries(steps.map((s) => [s.nodeId, s.status]));
}

async function run(graph: TExecutableGraph, handlers: Record<string, FakeHandler>, opts: { previous?: Map<string, StepRecord>; finalAttempt?: boolean; attempt?: number } = {}) {
  const ports = createFakePorts(handlers);
  const outcome = await executeRun({
    graph,
    trigger: buildAlert({ id: 'alert-1' }),
    previous: opts.previous ?? new Map(),
    attempt: opts.attempt ?? 1,
    finalAttempt: opts.finalAttempt ?? false,
    ports,
  });
  return { outcome, ports };
}

describe('executeRun — canonical flow', () => {
  it('High severity: isolates and emails, with resolved tokens', async () => {
    const { outcome, ports } = await run(seed, seedHandlers('High'));
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(statuses(ports.steps)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'succeeded', notify_soc: 'succeeded' });
    expect(ports.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['get_alert', 'isolate', 'notify_soc']);
    expect(ports.invocations[0].params).toEqual({ connectionId: DEF, alertId: 'alert-1' });
    expect(ports.invocations[1].params).toMatchObject({ machineId: buildAlert().machineId, isolationType: 'Full' });
    expect(ports.invocations[1].params.comment).toContain('alert-1');
    const mail = ports.invocations[2].params;
    expect(mail).toMatchObject({ connectionId: SMTP, to: ['soc@contoso.example'], importance: 'high' });
    expect(mail.body).toContain('Severity: High');
    expect(mail.body).toContain('Isolation status: Pending');
    expect(mail.body).toContain(`Machine: ${buildAlert().computerDnsName}`);
    const trig = ports.steps[0];
    expect(trig).toMatchObject({ nodeId: 'trigger', status: 'succeeded', output: null });
    const cond = ports.steps.find((s) => s.nodeId === 'is_high');
    expect(cond?.output).toMatchObject({ result: true, trace: { rules: [{ left: 'High', right: 'High', operator: 'equals' }] } });
  });

  it('Low severity: takes the false branch; isolate and email are skipped', async () => {
    const { outcome, ports } = await run(seed, seedHandlers('Low'));
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(statuses(ports.steps)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'skipped', notify_soc: 'skipped' });
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['get_alert']);
    expect(ports.steps.find((s) => s.nodeId === 'is_high')?.output).toMatchObject({ result: false });
  });

  it('records attempt, timings from the clock and redacted input', async () => {
    const graph = checked(
      buildGraph(
        [buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }), buildNode('mail', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 's', body: 'token={{ trigger.apiToken }}' })],
        [buildEdge('trigger', 'mail')],
      ),
    );
    const ports = createFakePorts({ 'email.send': () => ({ messageId: 'm', accepted: [] }) });
    await executeRun({ graph, trigger: { id: 'a', apiToken: 'xyz' }, previous: new Map(), attempt: 3, finalAttempt: false, ports });
    const mail = ports.steps[1];
    expect(mail.attempt).toBe(3);
    expect(mail.startedAt.getTime()).toBeLessThan(mail.finishedAt.getTime());
    expect(mail.input).toMatchObject({ to: ['a@b.co'], body: 'token=xyz' });
    expect(ports.invocations[0].params.body).toBe('token=xyz');
  });

  it('checkpoints after each side-effect step, before anything else runs', async () => {
    const { ports } = await run(seed, seedHandlers('High'));
    expect(ports.events).toEqual([
      'record:trigger:succeeded',
      'invoke:get_alert',
      'record:get_alert:succeeded',
      'record:is_high:succeeded',
      'invoke:isolate',
      'record:isolate:succeeded',
      'checkpoint',
      'invoke:notify_soc',
      'record:notify_soc:succeeded',
      'checkpoint',
    ]);
  });
});

describe('executeRun — retries and resumption', () => {
  it('never re-executes steps recorded as succeeded', async () => {
    const first = await run(seed, seedHandlers('High', {
      'email.send': () => {
        throw new ActionError('SmtpUnavailable', 'SMTP server did not answer', { retryable: true, retryAfterMs: 30_000 });
      },
    }));
    expect(first.outcome).toEqual({
      status: 'retry',
      error: { nodeId: 'notify_soc', code: 'SmtpUnavailable', message: 'SMTP server did not answer' },
      retryAfterMs: 30_000,
    });
    // The failed try is not recorded as failed but as running (to be retried, with its error);
    // the isolate step was made durable.
    expect(statuses(first.ports.steps)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'succeeded', notify_soc: 'running' });
    expect(first.ports.steps.find((s) => s.nodeId === 'notify_soc')).toMatchObject({ attempt: 1, error: { code: 'SmtpUnavailable' } });
    expect(first.ports.durable.map((s) => s.nodeId)).toContain('isolate');

    const second = await run(seed, seedHandlers('High'), { previous: stepsByNode(first.ports.durable), attempt: 2 });
    expect(second.outcome).toEqual({ status: 'succeeded' });
    expect(second.ports.invocations.map((i) => i.nodeId)).toEqual(['notify_soc']);
    // Only the new work is recorded; reused outputs still feed tokens.
    expect(second.ports.steps.map((s) => [s.nodeId, s.seq, s.attempt])).toEqual([['notify_soc', 5, 2]]);
    expect(second.ports.invocations[0].params.body).toContain('Isolation status: Pending');
  });

  it('reuses a previous condition result to choose the branch', async () => {
    const first = await run(seed, seedHandlers('High', { 'defender.isolateMachine': () => { throw new Error('socket hang up'); } }));
    expect(first.outcome).toMatchObject({ status: 'retry', error: { nodeId: 'isolate', code: 'Unexpected', message: 'socket hang up' } });
    const previous = stepsByNode(first.ports.steps);
    const second = await run(seed, seedHandlers('Low'), { previous, attempt: 2 });
    // get_alert is not re-read (it would now say Low); the recorded "true" branch is followed.
    expect(second.ports.invocations.map((i) => i.nodeId)).toEqual(['isolate', 'notify_soc']);
  });

  it('fails the step on the final attempt instead of retrying', async () => {
    const { outcome, ports } = await run(
      seed,
      seedHandlers('High', { 'defender.isolateMachine': () => { throw new ActionError('ServiceUnavailable', 'MDE returned 503', { retryable: true }); } }),
      { finalAttempt: true },
    );
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'isolate', code: 'ServiceUnavailable', message: 'MDE returned 503' } });
    expect(statuses(ports.steps)).toMatchObject({ isolate: 'failed', notify_soc: 'skipped' });
    expect(ports.steps.find((s) => s.nodeId === 'isolate')?.error).toEqual({ code: 'ServiceUnavailable', message: 'MDE returned 503' });
  });
});

describe('executeRun — failures', () => {
  const permanent = () => {
    throw new ActionError('MachineNotFound', 'No machine with this id', { retryable: false });
  };

  it('without an error edge: fails the run and skips the rest', async () => {
    const { outcome, ports } = await run(seed, seedHandlers('High', { 'defender.isolateMachine': permanent }));
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'isolate', code: 'MachineNotFound', message: 'No machine with this id' } });
    expect(statuses(ports.steps)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'failed', notify_soc: 'skipped' });
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['get_alert', 'isolate']);
  });

  it('with an error edge: follows it and the run succeeds', async () => {
    const graph = buildSeedFlow();
    graph.nodes.push(
      buildNode('report_failure', 'email.send', { connectionId: SMTP, to: 'soc@contoso.example', subject: 'Isolation failed: {{ isolate.error.message }}', body: 'Alert {{ get_alert.id }}' }),
    );
    graph.edges.push(buildEdge('isolate', 'report_failure', 'error'));
    const { outcome, ports } = await run(checked(graph), seedHandlers('High', { 'defender.isolateMachine': permanent }));
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(statuses(ports.steps)).toEqual({
      trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'failed', notify_soc: 'skipped', report_failure: 'succeeded',
    });
    expect(ports.invocations.at(-1)?.params.subject).toBe('Isolation failed: No machine with this id');
  });

  it('rejects invalid resolved params without invoking (not retryable)', async () => {
    const graph = buildSeedFlow();
    const isolate = graph.nodes.find((n) => n.id === 'isolate');
    if (isolate) isolate.params.machineId = '{{ get_alert.noSuchField }}';
    const { outcome, ports } = await run(checked(graph), seedHandlers('High'));
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'isolate', code: 'InvalidParams' } });
    const step = ports.steps.find((s) => s.nodeId === 'isolate');
    expect(step?.status).toBe('failed');
    expect(step?.error?.message).toContain('machineId');
    expect(step?.error?.message).toContain('{{ get_alert.noSuchField }} has no value');
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['get_alert']);
  });

  it('InvalidParams fails even when not the final attempt (no retry)', async () => {
    const graph = buildSeedFlow();
    const mail = graph.nodes.find((n) => n.id === 'notify_soc');
    if (mail) mail.params.to = '{{ get_alert.title }}'; // not an email address at run time
    const { outcome } = await run(checked(graph), seedHandlers('High'), { finalAttempt: false });
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'notify_soc', code: 'InvalidParams' } });
  });
});

describe('executeRun — joins', () => {
  it('runs a node with two parents once, when either branch reaches it', async () => {
    const graph = buildSeedFlow();
    graph.nodes.push(buildNode('log_low', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 'low', body: 'low' }));
    graph.edges.push(buildEdge('is_high', 'log_low', 'false'));
    graph.nodes.push(buildNode('done', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: 'done', body: 'done' }));
    graph.edges.push(buildEdge('notify_soc', 'done'), buildEdge('log_low', 'done'));
    const exec = checked(graph);

    const high = await run(exec, seedHandlers('High'));
    expect(high.outcome).toEqual({ status: 'succeeded' });
    expect(statuses(high.ports.steps)).toMatchObject({ isolate: 'succeeded', log_low: 'skipped', done: 'succeeded' });
    expect(high.ports.invocations.filter((i) => i.nodeId === 'done')).toHaveLength(1);

    const low = await run(exec, seedHandlers('Low'));
    expect(statuses(low.ports.steps)).toMatchObject({ isolate: 'skipped', notify_soc: 'skipped', log_low: 'succeeded', done: 'succeeded' });
    expect(low.ports.steps.filter((s) => s.nodeId === 'done')).toHaveLength(1);
  });

  it('runs a join once when both parents ran', async () => {
    const graph = buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
        buildNode('a', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }),
        buildNode('b', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }),
        buildNode('join', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: '{{ a.id }} {{ b.id }}', body: 'x' }),
      ],
      [buildEdge('trigger', 'a'), buildEdge('trigger', 'b'), buildEdge('a', 'join'), buildEdge('b', 'join')],
    );
    const { ports } = await run(checked(graph), seedHandlers('High'));
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['a', 'b', 'join']);
    expect(ports.invocations[2].params.subject).toBe('alert-1 alert-1');
  });
});

describe('cancellation', () => {
  it('starts no further step once the run is cancelled, keeping what already ran', async () => {
    let cancelled = false;
    const ports = createFakePorts(
      seedHandlers('High', {
        'defender.getAlert': (params) => {
          // Cancelled while this step is in flight: it completes, the next one never starts.
          cancelled = true;
          return buildAlert({ id: String(params.alertId), severity: 'High' });
        },
      }),
    );
    ports.isCancelled = () => cancelled;
    const outcome = await executeRun({ graph: seed, trigger: buildAlert({ id: 'alert-1' }), previous: new Map(), attempt: 1, finalAttempt: false, ports });
    expect(outcome).toMatchObject({ status: 'cancelled', external: true, error: { nodeId: 'is_high', code: 'Cancelled' } });
    expect(statuses(ports.steps)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded' });
    expect(ports.invocations.map((i) => i.nodeId)).toEqual(['get_alert']);
  });

  it('runs to the end when nothing cancels it', async () => {
    const ports = createFakePorts(seedHandlers('High'));
    ports.isCancelled = () => false;
    const outcome = await executeRun({ graph: seed, trigger: buildAlert({ id: 'alert-1' }), previous: new Map(), attempt: 1, finalAttempt: false, ports });
    expect(outcome).toEqual({ status: 'succeeded' });
  });
});
