import { describe, expect, it } from 'vitest';
import { loopCountLabel, loopCounts, runGraphState, type RunGraphLike, type RunStepLike } from './run-graph-model';
import { stepViewStatus } from './step-status';

const edge = (source: string, target: string, sourceHandle = 'out') => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target });

// trigger → get → condition (yes → isolate, no → note); isolate's error branch → alert_soc.
const graph: RunGraphLike = {
  nodes: [
    { id: 'trigger', type: 'defender.alertCreated' },
    { id: 'get', type: 'defender.getAlert' },
    { id: 'cond', type: 'control.condition' },
    { id: 'isolate', type: 'defender.isolateMachine' },
    { id: 'note', type: 'control.compose' },
    { id: 'alert_soc', type: 'email.send' },
  ],
  edges: [edge('trigger', 'get'), edge('get', 'cond'), edge('cond', 'isolate', 'true'), edge('cond', 'note', 'false'), edge('isolate', 'alert_soc', 'error')],
};

const step = (nodeId: string, type: string, status: string, output: unknown = null, iteration = ''): RunStepLike => ({ nodeId, type, status, output, iteration });

describe('runGraphState', () => {
  it('colours every node by its step and highlights the branch the condition took', () => {
    const steps = [
      step('trigger', 'defender.alertCreated', 'succeeded'),
      step('get', 'defender.getAlert', 'succeeded', { id: 'a1' }),
      step('cond', 'control.condition', 'succeeded', { result: true }),
      step('isolate', 'defender.isolateMachine', 'succeeded', { id: 'ma' }),
      step('note', 'control.compose', 'skipped'),
      step('alert_soc', 'email.send', 'skipped'),
    ];
    const { status, taken } = runGraphState(graph, steps, 'succeeded');
    expect(status).toEqual({ trigger: 'succeeded', get: 'succeeded', cond: 'succeeded', isolate: 'succeeded', note: 'skipped', alert_soc: 'skipped' });
    expect([...taken].sort()).toEqual(['cond-true-isolate', 'get-out-cond', 'trigger-out-get']);
  });

  it('follows the no branch and the error branch of a failed action', () => {
    const failedIsolate = [
      step('trigger', 'defender.alertCreated', 'succeeded'),
      step('get', 'defender.getAlert', 'succeeded', {}),
      step('cond', 'control.condition', 'succeeded', { result: true }),
      step('isolate', 'defender.isolateMachine', 'failed'),
      step('alert_soc', 'email.send', 'succeeded', {}),
    ];
    expect(runGraphState(graph, failedIsolate, 'succeeded').taken.has('isolate-error-alert_soc')).toBe(true);
    const no = [step('trigger', 'defender.alertCreated', 'succeeded'), step('get', 'defender.getAlert', 'succeeded', {}), step('cond', 'control.condition', 'succeeded', { result: false })];
    const state = runGraphState(graph, no, 'succeeded');
    expect(state.taken.has('cond-false-note')).toBe(true);
    expect(state.taken.has('cond-true-isolate')).toBe(false);
    // The run ended: nothing is running, unrecorded nodes were not reached.
    expect(state.status.note).toBe('not_reached');
  });

  it('while the run is active, the unrecorded node behind a taken edge is the one running', () => {
    const steps = [step('trigger', 'defender.alertCreated', 'succeeded'), step('get', 'defender.getAlert', 'succeeded', {})];
    const { status } = runGraphState(graph, steps, 'running');
    expect(status.cond).toBe('running');
    expect(status.isolate).toBe('not_reached');
  });

  it('across loop items a node shows a failure first, then work in progress', () => {
    const g: RunGraphLike = { nodes: [{ id: 'loop', type: 'control.forEach' }, { id: 'leaf', type: 'control.compose' }], edges: [edge('loop', 'leaf', 'each')] };
    const items = [step('leaf', 'control.compose', 'succeeded', {}, '0'), step('leaf', 'control.compose', 'failed', null, '1'), step('leaf', 'control.compose', 'skipped', null, '2')];
    expect(runGraphState(g, items, 'failed').status.leaf).toBe('failed');
    expect(runGraphState(g, [step('leaf', 'control.compose', 'skipped', null, '0'), step('leaf', 'control.compose', 'succeeded', {}, '1')], 'succeeded').status.leaf).toBe('succeeded');
  });

  it('a delay or approval paused on is waiting; a try awaiting its retry reads as running', () => {
    const steps = [step('trigger', 'defender.alertCreated', 'succeeded'), step('get', 'defender.getAlert', 'running')];
    expect(runGraphState(graph, steps, 'running').status.get).toBe('running');
    const waiting = [step('trigger', 'defender.alertCreated', 'succeeded'), step('get', 'defender.getAlert', 'waiting')];
    expect(runGraphState(graph, waiting, 'waiting').status.get).toBe('waiting');
  });

  it('takes a switch case edge and a for-each each edge once items ran', () => {
    const g: RunGraphLike = {
      nodes: [
        { id: 'sw', type: 'control.switch' },
        { id: 'low', type: 'control.compose' },
        { id: 'loop', type: 'control.forEach' },
        { id: 'body', type: 'control.compose' },
        { id: 'after', type: 'control.compose' },
      ],
      edges: [edge('sw', 'low', 'case:Low'), edge('sw', 'loop', 'default'), edge('loop', 'body', 'each'), edge('loop', 'after', 'done')],
    };
    const running = [step('sw', 'control.switch', 'succeeded', { matched: null }), step('body', 'control.compose', 'succeeded', {}, '0')];
    const live = runGraphState(g, running, 'running');
    expect(live.taken.has('sw-default-loop')).toBe(true);
    expect(live.taken.has('sw-case:Low-low')).toBe(false);
    expect(live.taken.has('loop-each-body')).toBe(true);
    expect(live.status.loop).toBe('running');
    expect(live.taken.has('loop-done-after')).toBe(false);
  });
});

describe('loopCounts', () => {
  const g: RunGraphLike = {
    nodes: [
      { id: 'loop', type: 'control.forEach' },
      { id: 'check', type: 'control.condition' },
      { id: 'act', type: 'defender.isolateMachine' },
    ],
    edges: [edge('loop', 'check', 'each'), edge('check', 'act', 'true')],
  };

  it('counts items that succeeded, failed and ran nothing, against the recorded total', () => {
    const steps = [
      step('loop', 'control.forEach', 'succeeded', { count: 3, results: [] }),
      step('check', 'control.condition', 'succeeded', { result: true }, '0'),
      step('act', 'defender.isolateMachine', 'succeeded', {}, '0'),
      step('check', 'control.condition', 'succeeded', { result: true }, '1'),
      step('act', 'defender.isolateMachine', 'failed', null, '1'),
      step('check', 'control.condition', 'succeeded', { result: false }, '2'),
      step('act', 'defender.isolateMachine', 'skipped', null, '2'),
    ];
    const c = loopCounts(g, steps).loop;
    expect(c).toEqual({ total: 3, succeeded: 2, failed: 1, skipped: 0 });
    expect(loopCountLabel(c!)).toBe('2/3 succeeded · 1 failed');
  });

  it('says 12/12 succeeded, counts a running loop by its finished items, and reads a failed loop size from its input', () => {
    const twelve = [step('loop', 'control.forEach', 'succeeded', { count: 12, results: [] })];
    for (let i = 0; i < 12; i++) twelve.push(step('check', 'control.condition', 'succeeded', { result: false }, String(i)));
    expect(loopCountLabel(loopCounts(g, twelve).loop!)).toBe('12/12 succeeded');
    const running = [step('check', 'control.condition', 'succeeded', { result: false }, '0'), step('check', 'control.condition', 'succeeded', { result: false }, '1')];
    expect(loopCountLabel(loopCounts(g, running).loop!)).toBe('2 items done');
    const failed = [{ ...step('loop', 'control.forEach', 'failed'), input: { items: { count: 5 } } }, step('act', 'defender.isolateMachine', 'failed', null, '0')];
    expect(loopCounts(g, failed).loop).toMatchObject({ total: 5, failed: 1 });
  });

  it('a loop that did not run counts no items (its body is skipped at the loop\'s own iteration)', () => {
    const steps = [step('loop', 'control.forEach', 'skipped'), step('check', 'control.condition', 'skipped'), step('act', 'defender.isolateMachine', 'skipped')];
    expect(loopCounts(g, steps).loop).toEqual({ total: null, succeeded: 0, failed: 0, skipped: 0 });
  });
});

describe('a run that ended while a step waited', () => {
  const graph: RunGraphLike = { nodes: [{ id: 't', type: 'defender.alertCreated' }, { id: 'd', type: 'control.delay' }], edges: [edge('t', 'd')] };
  const steps = [{ nodeId: 'd', iteration: '', type: 'control.delay', status: 'waiting', output: null }];

  it('shows the step as waiting while the run waits, and stopped once the run is cancelled or timed out', () => {
    expect(runGraphState(graph, steps, 'waiting').status.d).toBe('waiting');
    expect(runGraphState(graph, steps, 'cancelled').status.d).toBe('stopped');
    expect(runGraphState(graph, steps, 'timed_out').status.d).toBe('stopped');
    expect(stepViewStatus('succeeded', 'cancelled')).toBe('succeeded');
  });
});
