import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { groupSteps } from './step-groups';

const graph = buildGraph(
  [
    buildNode('trigger', 'defender.alertCreated'),
    buildNode('outer', 'control.forEach'),
    buildNode('inner', 'control.forEach'),
    buildNode('leaf', 'email.send'),
    buildNode('after', 'email.send'),
  ],
  [buildEdge('trigger', 'outer'), buildEdge('outer', 'inner', 'each'), buildEdge('inner', 'leaf', 'each'), buildEdge('outer', 'after', 'done')],
);
const row = (nodeId: string, iteration: string, seq: number, status = 'succeeded') => ({ nodeId, iteration, seq, status });

describe('groupSteps', () => {
  it('nests per-item steps under their loop, items in index order, nested loops inside', () => {
    const steps = [
      row('trigger', '', 1), row('outer', '', 2), row('inner', '1', 3), row('inner', '0', 3), row('leaf', '0/0', 4),
      row('leaf', '1/0', 4, 'failed'), row('leaf', '0/1', 4), row('after', '', 5, 'skipped'),
    ];
    const tree = groupSteps(steps, graph);
    expect(tree.map((t) => t.step.nodeId)).toEqual(['trigger', 'outer', 'after']);
    const outer = tree[1]!;
    expect(outer.items?.map((i) => [i.index, i.status, i.steps.map((s) => s.step.nodeId)])).toEqual([
      [0, 'succeeded', ['inner']],
      [1, 'failed', ['inner']],
    ]);
    const inner0 = outer.items?.[0]?.steps[0];
    expect(inner0?.items?.map((i) => [i.iteration, i.steps.map((s) => `${s.step.nodeId}@${s.step.iteration}`)])).toEqual([
      ['0/0', ['leaf@0/0']],
      ['0/1', ['leaf@0/1']],
    ]);
  });

  it('keeps a skipped loop body under the loop, and works without a graph', () => {
    const tree = groupSteps([row('outer', '', 2, 'skipped'), row('inner', '', 3, 'skipped'), row('leaf', '', 4, 'skipped')], graph);
    expect(tree.map((t) => [t.step.nodeId, t.items?.length, t.skippedBody?.map((s) => s.step.nodeId)])).toEqual([['outer', 0, ['inner']]]);
    expect(groupSteps([row('a', '', 1)], null).map((t) => t.step.nodeId)).toEqual(['a']);
  });
});
