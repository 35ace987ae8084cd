import { describe, it, expect } from 'vitest';
import { ActionError } from '../errors';
import { checkFlow } from '../flow/check';
import type { TDraftGraph, TExecutableGraph, TFlowEdge, TFlowNode } from '../flow/schema';
import { createFakePorts, stepsByNode, type FakeHandler } from '../testing/fake-ports';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildAlert, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { executeRun } from './execute';
import type { StepRecord } from './types';

function checked(graph: TDraftGraph): TExecutableGraph {
  const result = checkFlow(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.graph;
}

const trigger = buildNode('trigger', 'defender.alertCreated', { connectionId: DEF });
const mail = (id: string, subject: string, body = 'x') => buildNode(id, 'email.send', { connectionId: SMTP, to: 'soc@contoso.example', subject, body });
const flow = (nodes: TFlowNode[], edges: TFlowEdge[]) => checked(buildGraph([trigger, ...nodes], edges));

const okMail: FakeHandler = (p) => ({ messageId: `<${String(p.subject)}>`, accepted: p.to });

async function run(graph: TExecutableGraph, handlers: Record<string, FakeHandler> = {}, opts: { previous?: Map<string, StepRecord>; attempt?: number; triggerData?: unknown; finalAttempt?: boolean } = {}) {
  const ports = createFakePorts({ 'email.send': okMail, ...handlers });
  const outcome = await executeRun({
    graph,
    trigger: opts.triggerData ?? buildAlert({ id: 'alert-1', severity: 'Medium' }),
    previous: opts.previous ?? new Map(),
    attempt: opts.attempt ?? 1,
    finalAttempt: opts.finalAttempt ?? false,
    ports,
  });
  return { outcome, ports };
}

const status = (steps: StepRecord[], nodeId: string, iteration = '') => steps.find((s) => s.nodeId === nodeId && s.iteration === iteration)?.status;
const subjects = (ports: { invocations: { params: Record<string, unknown> }[] }) => ports.invocations.map((i) => i.params.subject);

describe('switch', () => {
  const graph = flow(
    [
      buildNode('sev', 'control.switch', { value: '{{ trigger.severity }}', cases: ['High', 'Medium'], ignoreCase: true }),
      mail('on_high', 'high'),
      mail('on_medium', 'medium {{ sev.matched }}'),
      mail('on_other', 'other {{ sev.value }}'),
    ],
    [buildEdge('trigger', 'sev'), buildEdge('sev', 'on_high', 'case:High'), buildEdge('sev', 'on_medium', 'case:Medium'), buildEdge('sev', 'on_other', 'default')],
  );

  it('routes to the equal case and skips the others', async () => {
    const { outcome, ports } = await run(graph, {}, { triggerData: buildAlert({ severity: 'medium' }) });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.steps.find((s) => s.nodeId === 'sev')?.output).toEqual({ value: 'medium', matched: 'Medium' });
    expect(subjects(ports)).toEqual(['medium Medium']);
    expect([status(ports.steps, 'on_high'), status(ports.steps, 'on_other')]).toEqual(['skipped', 'skipped']);
  });

  it('takes default when no case matches, with matched null', async () => {
    const { ports } = await run(graph, {}, { triggerData: buildAlert({ severity: 'Informational' }) });
    expect(ports.steps.find((s) => s.nodeId === 'sev')?.output).toEqual({ value: 'Informational', matched: null });
    expect(subjects(ports)).toEqual(['other Informational']);
  });

  it('is case-sensitive unless asked, and compares numbers as text', async () => {
    const strict = flow(
      [buildNode('sw', 'control.switch', { value: '{{ trigger.incidentId }}', cases: ['7', 'high'] }), mail('seven', '7'), mail('other', 'other')],
      [buildEdge('trigger', 'sw'), buildEdge('sw', 'seven', 'case:7'), buildEdge('sw', 'other', 'default')],
    );
    expect(subjects((await run(strict, {}, { triggerData: { incidentId: 7 } })).ports)).toEqual(['7']);
    expect(subjects((await run(strict, {}, { triggerData: { incidentId: 8 } })).ports)).toEqual(['other']);
  });

  it('on resume follows the recorded case, without re-evaluating', async () => {
    const first = await run(graph, { 'email.send': () => { throw new ActionError('SmtpDown', 'down', { retryable: true }); } }, { triggerData: buildAlert({ severity: 'High' }) });
    expect(first.outcome.status).toBe('retry');
    const second = await run(graph, {}, { previous: stepsByNode(first.ports.steps), attempt: 2, triggerData: buildAlert({ severity: 'Low' }) });
    expect(subjects(second.ports)).toEqual(['high']);
  });
});

describe('for each', () => {
  const evidence = [{ sha1: 'a' }, { sha1: 'b' }, { sha1: 'c' }, { sha1: 'd' }, { sha1: 'e' }];
  const loopFlow = (concurrency: number, extra: { nodes?: TFlowNode[]; edges?: TFlowEdge[] } = {}) =>
    flow(
      [
        buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}', concurrency }),
        mail('per_item', 'item {{ loop.index }} {{ loop.item.sha1 }} of {{ trigger.id }}'),
        mail('summary', '{{ loop.count }} items, first {{ loop.results[0].outputs.per_item.messageId }}'),
        ...(extra.nodes ?? []),
      ],
      [buildEdge('trigger', 'loop'), buildEdge('loop', 'per_item', 'each'), buildEdge('loop', 'summary', 'done'), ...(extra.edges ?? [])],
    );

  it('runs the body once per item in order, then done, with results in item order', async () => {
    const { outcome, ports } = await run(loopFlow(1), {}, { triggerData: { id: 'a1', evidence } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(subjects(ports)).toEqual(['item 0 a of a1', 'item 1 b of a1', 'item 2 c of a1', 'item 3 d of a1', 'item 4 e of a1', '5 items, first <item 0 a of a1>']);
    const bodySteps = ports.steps.filter((s) => s.nodeId === 'per_item');
    expect(bodySteps.map((s) => [s.iteration, s.status])).toEqual(['0', '1', '2', '3', '4'].map((i) => [i, 'succeeded']));
    const loop = ports.steps.find((s) => s.nodeId === 'loop');
    expect(loop).toMatchObject({ status: 'succeeded', iteration: '' });
    const output = loop?.output as { count: number; results: { index: number; item: unknown; status: string; outputs: Record<string, unknown> }[] };
    expect(output.count).toBe(5);
    expect(output.results.map((r) => [r.index, r.item, r.status])).toEqual(evidence.map((e, i) => [i, e, 'succeeded']));
    expect(output.results[3].outputs).toEqual({ per_item: { messageId: '<item 3 d of a1>', accepted: ['soc@contoso.example'] } });
    // The loop's recorded input does not repeat the list (its output has the items).
    expect(loop?.input).toMatchObject({ items: { count: 5 }, concurrency: 1, limit: 5000 });
    // Body steps sit right after the loop in seq; the done branch after them.
    expect([loop?.seq, bodySteps[0].seq, ports.steps.find((s) => s.nodeId === 'summary')?.seq]).toEqual([2, 3, 4]);
  });

  it('with concurrency runs items at once but collects results in item order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const delays = [30, 5, 20, 1, 10];
    const handlers: Record<string, FakeHandler> = {
      per_item: async (p) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const index = Number(String(p.subject).split(' ')[1]);
        await new Promise((r) => setTimeout(r, delays[index]));
        inFlight--;
        return { messageId: `m${index}`, accepted: [] };
      },
    };
    const { outcome, ports } = await run(loopFlow(3), handlers, { triggerData: { id: 'a1', evidence } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(maxInFlight).toBe(3);
    const output = ports.steps.find((s) => s.nodeId === 'loop')?.output as { results: { index: number; outputs: { per_item: { messageId: string } } }[] };
    expect(output.results.map((r) => [r.index, r.outputs.per_item.messageId])).toEqual([0, 1, 2, 3, 4].map((i) => [i, `m${i}`]));
    expect(ports.invocations.at(-1)?.params.subject).toBe('5 items, first m0');
  });

  it('an empty list runs no body and continues on done', async () => {
    const { outcome, ports } = await run(loopFlow(1), {}, { triggerData: { id: 'a1', evidence: [] } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.steps.filter((s) => s.nodeId === 'per_item')).toEqual([]);
    expect(ports.steps.find((s) => s.nodeId === 'loop')?.output).toEqual({ count: 0, results: [] });
    expect(subjects(ports)).toEqual(['0 items, first']);
  });

  it('a value that is not a list fails the step with a clear error', async () => {
    const { outcome, ports } = await run(loopFlow(1), {}, { triggerData: { id: 'a1', evidence: 'not a list' } });
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'loop', code: 'InvalidParams' } });
    expect(ports.steps.find((s) => s.nodeId === 'loop')?.error?.message).toContain('items: must be a list, but the value is text ("not a list")');
    expect(status(ports.steps, 'summary')).toBe('skipped');
    expect(ports.invocations).toEqual([]);
  });

  it('more items than the limit fails the step saying so', async () => {
    const graph = flow(
      [buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}', limit: 3 }), mail('per_item', '{{ loop.index }}')],
      [buildEdge('trigger', 'loop'), buildEdge('loop', 'per_item', 'each')],
    );
    const { outcome } = await run(graph, {}, { triggerData: { evidence } });
    expect(outcome).toEqual({
      status: 'failed',
      error: { nodeId: 'loop', code: 'TooManyItems', message: "The list has 5 items, more than this loop's limit of 3; raise \"Item limit\" or filter the list first." },
    });
  });

  it('an item whose body fails without an error branch fails the run; later items do not run', async () => {
    const handlers: Record<string, FakeHandler> = {
      per_item: (p) => {
        if (String(p.subject).startsWith('item 2')) throw new ActionError('MailboxFull', 'Mailbox full');
        return { messageId: 'm', accepted: [] };
      },
    };
    const { outcome, ports } = await run(loopFlow(1), handlers, { triggerData: { id: 'a1', evidence } });
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'per_item', code: 'MailboxFull', message: 'Mailbox full' } });
    expect(ports.steps.filter((s) => s.nodeId === 'per_item').map((s) => [s.iteration, s.status])).toEqual([['0', 'succeeded'], ['1', 'succeeded'], ['2', 'failed']]);
    expect(ports.steps.find((s) => s.nodeId === 'loop')).toMatchObject({ status: 'failed', error: { code: 'ItemFailed', message: 'Item 2 failed: per_item: MailboxFull: Mailbox full' } });
    expect(status(ports.steps, 'summary')).toBe('skipped');
  });

  it('an error branch inside the body handles the failure; the item is marked failed and the loop goes on', async () => {
    const graph = loopFlow(2, { nodes: [mail('report', 'failed {{ loop.index }}: {{ per_item.error.code }} {{ per_item.error.message }}')], edges: [buildEdge('per_item', 'report', 'error')] });
    const handlers: Record<string, FakeHandler> = {
      per_item: (p) => {
        if (String(p.subject).startsWith('item 1')) throw new ActionError('MailboxFull', 'Mailbox full');
        return { messageId: 'm', accepted: [] };
      },
      report: okMail,
    };
    const { outcome, ports } = await run(graph, handlers, { triggerData: { id: 'a1', evidence } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.invocations.filter((i) => i.nodeId === 'report').map((i) => i.params.subject)).toEqual(['failed 1: MailboxFull Mailbox full']);
    expect(status(ports.steps, 'report', '0')).toBe('skipped');
    const results = (ports.steps.find((s) => s.nodeId === 'loop')?.output as { results: { status: string; outputs: Record<string, unknown> }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(results[1].outputs.per_item).toEqual({ error: { code: 'MailboxFull', message: 'Mailbox full' } });
  });

  it('branches inside the body per item (condition within the loop)', async () => {
    const graph = flow(
      [
        buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}' }),
        buildNode('is_b', 'control.condition', { combinator: 'and', rules: [{ left: '{{ loop.item.sha1 }}', operator: 'equals', right: 'b' }] }),
        mail('found', 'found at {{ loop.index }}'),
      ],
      [buildEdge('trigger', 'loop'), buildEdge('loop', 'is_b', 'each'), buildEdge('is_b', 'found', 'true')],
    );
    const { ports } = await run(graph, {}, { triggerData: { evidence } });
    expect(subjects(ports)).toEqual(['found at 1']);
    expect(ports.steps.filter((s) => s.nodeId === 'found').map((s) => `${s.iteration}:${s.status}`)).toEqual(['0:skipped', '1:succeeded', '2:skipped', '3:skipped', '4:skipped']);
  });

  it('nested loops record "outer/inner" iterations and read both items', async () => {
    const graph = flow(
      [
        buildNode('outer', 'control.forEach', { items: '{{ trigger.machines }}' }),
        buildNode('inner', 'control.forEach', { items: '{{ outer.item.files }}', concurrency: 2 }),
        mail('per_file', '{{ outer.item.name }}/{{ inner.item }} ({{ outer.index }},{{ inner.index }})'),
        mail('per_machine', '{{ outer.item.name }}: {{ inner.count }} files'),
        mail('all', '{{ outer.count }} machines, {{ outer.results[1].outputs.inner.count }} files on the second'),
      ],
      [
        buildEdge('trigger', 'outer'), buildEdge('outer', 'inner', 'each'), buildEdge('inner', 'per_file', 'each'),
        buildEdge('inner', 'per_machine', 'done'), buildEdge('outer', 'all', 'done'),
      ],
    );
    const machines = [{ name: 'm1', files: ['a', 'b'] }, { name: 'm2', files: ['c', 'd', 'e'] }];
    const { outcome, ports } = await run(graph, {}, { triggerData: { machines } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(subjects(ports)).toEqual(['m1/a (0,0)', 'm1/b (0,1)', 'm1: 2 files', 'm2/c (1,0)', 'm2/d (1,1)', 'm2/e (1,2)', 'm2: 3 files', '2 machines, 3 files on the second']);
    expect(ports.steps.filter((s) => s.nodeId === 'per_file').map((s) => s.iteration)).toEqual(['0/0', '0/1', '1/0', '1/1', '1/2']);
    expect(ports.steps.filter((s) => s.nodeId === 'inner').map((s) => s.iteration)).toEqual(['0', '1']);
  });

  it('on resume skips items whose body already succeeded and re-runs only the rest', async () => {
    let calls = 0;
    const flaky: FakeHandler = (p) => {
      calls++;
      if (String(p.subject).startsWith('item 3') && calls < 10) throw new ActionError('SmtpDown', 'SMTP down', { retryable: true, retryAfterMs: 5000 });
      return { messageId: String(p.subject), accepted: [] };
    };
    const graph = loopFlow(1);
    const first = await run(graph, { per_item: flaky }, { triggerData: { id: 'a1', evidence } });
    // The default retry policy's first wait (7 s) is longer than the error's Retry-After (5 s).
    expect(first.outcome).toEqual({ status: 'retry', error: { nodeId: 'per_item', code: 'SmtpDown', message: 'SMTP down' }, retryAfterMs: 7000 });
    // Durable after each side effect: items 0–2, not the loop itself (it has not finished).
    expect(first.ports.durable.map((s) => `${s.nodeId}@${s.iteration}`)).toEqual(['trigger@', 'per_item@0', 'per_item@1', 'per_item@2']);
    calls = 100;
    const second = await run(graph, { per_item: flaky }, { previous: stepsByNode(first.ports.durable), attempt: 2, triggerData: { id: 'a1', evidence } });
    expect(second.outcome).toEqual({ status: 'succeeded' });
    expect(second.ports.invocations.map((i) => i.params.subject)).toEqual(['item 3 d of a1', 'item 4 e of a1', '5 items, first item 0 a of a1']);
    const results = (second.ports.steps.find((s) => s.nodeId === 'loop')?.output as { results: { outputs: { per_item: { messageId: string } } }[] }).results;
    // Reused items contribute their recorded outputs to the results.
    expect(results.map((r) => r.outputs.per_item.messageId)).toEqual(evidence.map((e, i) => `item ${i} ${e.sha1} of a1`));
  });

  it('a concurrent loop that must retry lets in-flight items finish and records them', async () => {
    const handlers: Record<string, FakeHandler> = {
      per_item: async (p) => {
        const index = Number(String(p.subject).split(' ')[1]);
        if (index === 0) throw new ActionError('SmtpDown', 'SMTP down', { retryable: true });
        await new Promise((r) => setTimeout(r, 5));
        return { messageId: `m${index}`, accepted: [] };
      },
    };
    const { outcome, ports } = await run(loopFlow(3), handlers, { triggerData: { id: 'a1', evidence } });
    expect(outcome.status).toBe('retry');
    // Items 1 and 2 were in flight: they complete and are recorded; 3 and 4 never start.
    // Item 0's failed try is recorded as running (to be retried); 1 and 2 completed.
    expect(ports.steps.filter((s) => s.nodeId === 'per_item').map((s) => `${s.iteration}:${s.status}`).sort()).toEqual(['0:running', '1:succeeded', '2:succeeded']);
    expect(ports.steps.some((s) => s.nodeId === 'loop' || s.nodeId === 'summary')).toBe(false);
  });
});

describe('terminate', () => {
  const graph = (statusValue: string) =>
    flow(
      [
        buildNode('is_high', 'control.condition', { combinator: 'and', rules: [{ left: '{{ trigger.severity }}', operator: 'equals', right: 'High' }] }),
        buildNode('stop', 'control.terminate', { status: statusValue, message: 'Not high: {{ trigger.severity }}' }),
        mail('a', 'a'),
        mail('b', 'b'),
      ],
      [buildEdge('trigger', 'is_high'), buildEdge('is_high', 'stop', 'false'), buildEdge('trigger', 'a'), buildEdge('a', 'b')],
    );

  it('failed: ends the run failed at once with the message; the rest is skipped', async () => {
    const { outcome, ports } = await run(graph('failed'));
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'stop', code: 'Terminated', message: 'Not high: Medium' } });
    expect(ports.steps.find((s) => s.nodeId === 'stop')).toMatchObject({ status: 'succeeded', output: { status: 'failed', message: 'Not high: Medium' } });
    expect([status(ports.steps, 'a'), status(ports.steps, 'b')]).toEqual(['skipped', 'skipped']);
    expect(ports.invocations).toEqual([]);
  });

  it('cancelled and succeeded end the run with that status', async () => {
    expect((await run(graph('cancelled'))).outcome).toEqual({ status: 'cancelled', error: { nodeId: 'stop', code: 'Terminated', message: 'Not high: Medium' } });
    expect((await run(graph('succeeded'))).outcome).toEqual({ status: 'succeeded', terminated: { nodeId: 'stop', message: 'Not high: Medium' } });
  });

  it('not reached: the run goes on', async () => {
    const { outcome, ports } = await run(graph('failed'), {}, { triggerData: buildAlert({ severity: 'High' }) });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(subjects(ports)).toEqual(['a', 'b']);
  });

  it('inside a loop stops the remaining items, and a resumed run still ends terminated', async () => {
    const g = flow(
      [
        buildNode('loop', 'control.forEach', { items: '{{ trigger.list }}' }),
        buildNode('is_stop', 'control.condition', { combinator: 'and', rules: [{ left: '{{ loop.item }}', operator: 'equals', right: 'stop' }] }),
        buildNode('stop', 'control.terminate', { status: 'cancelled', message: 'stopped at {{ loop.index }}' }),
        mail('work', 'work {{ loop.item }}'),
        mail('after', 'after'),
      ],
      [buildEdge('trigger', 'loop'), buildEdge('loop', 'is_stop', 'each'), buildEdge('is_stop', 'stop', 'true'), buildEdge('is_stop', 'work', 'false'), buildEdge('loop', 'after', 'done')],
    );
    const data = { list: ['a', 'stop', 'b'] };
    const { outcome, ports } = await run(g, {}, { triggerData: data });
    expect(outcome).toEqual({ status: 'cancelled', error: { nodeId: 'stop', code: 'Terminated', message: 'stopped at 1' } });
    expect(subjects(ports)).toEqual(['work a']);
    expect(status(ports.steps, 'loop')).toBe('skipped');
    expect(status(ports.steps, 'after')).toBe('skipped');
    const again = await run(g, {}, { triggerData: data, previous: stepsByNode(ports.steps.filter((s) => s.status === 'succeeded')), attempt: 2 });
    expect(again.outcome).toEqual(outcome);
    expect(again.ports.invocations).toEqual([]);
  });
});

describe('compose and variables', () => {
  it('compose resolves tokens deep in a JSON value and keeps their types', async () => {
    const graph = flow(
      [
        buildNode('build', 'control.compose', { value: { ids: ['{{ trigger.machineId }}', 'fixed'], count: '{{ trigger.incidentId }}', text: 'Alert {{ trigger.id }}' } }),
        mail('use', '{{ build.value.text }} / {{ build.value.count }} / {{ build.value.ids[0] }}'),
      ],
      [buildEdge('trigger', 'build'), buildEdge('build', 'use')],
    );
    const { ports } = await run(graph, {}, { triggerData: { id: 'a9', machineId: 'm1', incidentId: 42 } });
    expect(ports.steps.find((s) => s.nodeId === 'build')?.output).toEqual({ value: { ids: ['m1', 'fixed'], count: 42, text: 'Alert a9' } });
    expect(subjects(ports)).toEqual(['Alert a9 / 42 / m1']);
  });

  const varFlow = () =>
    flow(
      [
        buildNode('init_list', 'control.setVariable', { name: 'hashes', value: [] }),
        buildNode('init_text', 'control.setVariable', { name: 'log', value: 'seen:' }),
        buildNode('loop', 'control.forEach', { items: '{{ trigger.evidence }}' }),
        buildNode('add', 'control.appendVariable', { name: 'hashes', value: '{{ loop.item.sha1 }}' }),
        buildNode('add_text', 'control.appendVariable', { name: 'log', value: ' {{ loop.item.sha1 }}' }),
        mail('report', '{{ variables.log }}', 'hashes: {{ variables.hashes }}'),
      ],
      [
        buildEdge('trigger', 'init_list'), buildEdge('init_list', 'init_text'), buildEdge('init_text', 'loop'),
        buildEdge('loop', 'add', 'each'), buildEdge('add', 'add_text'), buildEdge('loop', 'report', 'done'),
      ],
    );

  it('set and append build a list and text in item order, read as {{ variables.<name> }}', async () => {
    const { outcome, ports } = await run(varFlow(), {}, { triggerData: { evidence: [{ sha1: 'x' }, { sha1: 'y' }] } });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(ports.invocations[0].params).toMatchObject({ subject: 'seen: x y', body: 'hashes: ["x","y"]' });
    expect(ports.steps.filter((s) => s.nodeId === 'add').map((s) => s.output)).toEqual([{ name: 'hashes', value: ['x'] }, { name: 'hashes', value: ['x', 'y'] }]);
  });

  it('variables survive a resume: rebuilt from recorded outputs, also of a finished loop', async () => {
    const data = { evidence: [{ sha1: 'x' }, { sha1: 'y' }] };
    const first = await run(varFlow(), { 'email.send': () => { throw new ActionError('SmtpDown', 'down', { retryable: true }); } }, { triggerData: data });
    expect(first.outcome.status).toBe('retry');
    expect(first.ports.steps.find((s) => s.nodeId === 'loop')?.status).toBe('succeeded');
    const second = await run(varFlow(), {}, { triggerData: data, previous: stepsByNode(first.ports.steps), attempt: 2 });
    expect(second.outcome).toEqual({ status: 'succeeded' });
    // Nothing but the email ran again, and it still sees both variables.
    expect(second.ports.steps.map((s) => s.nodeId)).toEqual(['report']);
    expect(second.ports.invocations[0].params).toMatchObject({ subject: 'seen: x y', body: 'hashes: ["x","y"]' });
  });

  it('appending to a number fails the step with a clear error', async () => {
    const graph = flow(
      [buildNode('n', 'control.setVariable', { name: 'n', value: 1 }), buildNode('add', 'control.appendVariable', { name: 'n', value: 2 })],
      [buildEdge('trigger', 'n'), buildEdge('n', 'add')],
    );
    const { outcome } = await run(graph);
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'add', code: 'VariableNotAppendable' } });
    expect(outcome.status === 'failed' && outcome.error.message).toContain('only a list or text');
  });

  it('appending to a variable set on a branch that did not run fails with VariableNotSet', async () => {
    const graph = flow(
      [
        buildNode('c', 'control.condition', { combinator: 'and', rules: [{ left: '{{ trigger.severity }}', operator: 'equals', right: 'High' }] }),
        buildNode('init', 'control.setVariable', { name: 'v', value: [] }),
        buildNode('other', 'control.compose', { value: 'not high' }),
        buildNode('add', 'control.appendVariable', { name: 'v', value: 1 }),
      ],
      [buildEdge('trigger', 'c'), buildEdge('c', 'init', 'true'), buildEdge('c', 'other', 'false'), buildEdge('init', 'add'), buildEdge('other', 'add')],
    );
    expect((await run(graph, {}, { triggerData: { severity: 'High' } })).outcome).toEqual({ status: 'succeeded' });
    const { outcome } = await run(graph, {}, { triggerData: { severity: 'Low' } });
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'add', code: 'VariableNotSet' } });
  });
});

describe('run after failure (error branch)', () => {
  const permanent: FakeHandler = () => {
    throw new ActionError('MachineNotFound', 'No machine with this id');
  };
  const graph = (branch: TFlowNode[], edges: TFlowEdge[]) =>
    flow(
      [buildNode('isolate', 'defender.isolateMachine', { connectionId: DEF, machineId: '{{ trigger.machineId }}', comment: 'c' }), mail('after', 'after'), ...branch],
      [buildEdge('trigger', 'isolate'), buildEdge('isolate', 'after'), ...edges],
    );

  it('a handled failure ends the run succeeded; the branch reads error code and message', async () => {
    const g = graph([mail('on_fail', '{{ isolate.error.code }}: {{ isolate.error.message }}')], [buildEdge('isolate', 'on_fail', 'error')]);
    const { outcome, ports } = await run(g, { 'defender.isolateMachine': permanent });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(subjects(ports)).toEqual([undefined, 'MachineNotFound: No machine with this id']);
    expect([status(ports.steps, 'isolate'), status(ports.steps, 'after')]).toEqual(['failed', 'skipped']);
  });

  it('the run fails when the error branch itself fails', async () => {
    const g = graph([mail('on_fail', 'x')], [buildEdge('isolate', 'on_fail', 'error')]);
    const { outcome } = await run(g, { 'defender.isolateMachine': permanent, on_fail: () => { throw new ActionError('SmtpRejected', 'rejected'); } });
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'on_fail', code: 'SmtpRejected', message: 'rejected' } });
  });

  it('the error branch may terminate the run as failed with the error message', async () => {
    const g = graph([buildNode('fail_run', 'control.terminate', { status: 'failed', message: 'Isolation failed: {{ isolate.error.message }}' })], [buildEdge('isolate', 'fail_run', 'error')]);
    const { outcome } = await run(g, { 'defender.isolateMachine': permanent });
    expect(outcome).toEqual({ status: 'failed', error: { nodeId: 'fail_run', code: 'Terminated', message: 'Isolation failed: No machine with this id' } });
  });

  it('a retryable failure is retried before the error branch runs', async () => {
    const g = graph([mail('on_fail', 'x')], [buildEdge('isolate', 'on_fail', 'error')]);
    const transient: FakeHandler = () => { throw new ActionError('ServiceUnavailable', '503', { retryable: true }); };
    expect((await run(g, { 'defender.isolateMachine': transient })).outcome.status).toBe('retry');
    const last = await run(g, { 'defender.isolateMachine': transient }, { finalAttempt: true });
    expect(last.outcome).toEqual({ status: 'succeeded' });
    expect(last.ports.invocations.map((i) => i.nodeId)).toEqual(['isolate', 'on_fail']);
  });
});
