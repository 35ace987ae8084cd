import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode, buildSeedFlow } from '@/core/testing/builders';
import { buildLargeGraph } from '@/core/testing/large-graph';
import type { TDraftGraph } from '@/core/flow/schema';
import { canConnect, connectableTargets } from './connect-rules';

const seed = buildSeedFlow();

describe('canConnect', () => {
  it('accepts a new branch on the free "no" handle', () => {
    expect(canConnect(seed, { source: 'is_high', sourceHandle: 'false', target: 'notify_soc' })).toEqual({ ok: true });
  });

  it('lets "next" fan out to several steps', () => {
    expect(canConnect(seed, { source: 'get_alert', sourceHandle: 'out', target: 'notify_soc' }).ok).toBe(true);
  });

  it.each([
    ['an edge into the trigger', { source: 'get_alert', sourceHandle: 'out', target: 'trigger' }, /into the trigger/],
    ['a self-loop', { source: 'isolate', sourceHandle: 'out', target: 'isolate' }, /itself/],
    ['a cycle', { source: 'notify_soc', sourceHandle: 'out', target: 'get_alert' }, /loop/],
    ['a duplicate', { source: 'trigger', sourceHandle: 'out', target: 'get_alert' }, /already connected/],
    ['a handle the type lacks', { source: 'trigger', sourceHandle: 'error', target: 'isolate' }, /no "on error" output/],
    ['a second "yes" edge', { source: 'is_high', sourceHandle: 'true', target: 'notify_soc' }, /"yes" branch already/],
    ['a missing node', { source: 'ghost', sourceHandle: 'out', target: 'isolate' }, /no longer exists/],
  ])('refuses %s with a reason', (_name, req, reason) => {
    const result = canConnect(seed, req);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('allows an "on error" edge from an action', () => {
    expect(canConnect(seed, { source: 'isolate', sourceHandle: 'error', target: 'notify_soc' }).ok).toBe(true);
  });
});

describe('connectableTargets', () => {
  const HANDLES = ['out', 'true', 'false', 'error', 'nope'];
  /** What asking canConnect about every step gives: the rule connectableTargets must keep. */
  const oneByOne = (graph: TDraftGraph, source: string, handle: string) =>
    graph.nodes.filter((t) => canConnect(graph, { source, sourceHandle: handle, target: t.id }).ok).map((t) => t.id);

  // A draft the checker would flag: a loop, an edge to a deleted step, an unknown step type.
  const messy = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated'),
      buildNode('a', 'defender.getAlert'),
      buildNode('b', 'control.condition'),
      buildNode('c', 'email.send'),
      buildNode('d', 'defender.isolateMachine'),
      buildNode('x', 'vendor.somethingNew'),
    ],
    [buildEdge('trigger', 'a'), buildEdge('a', 'b'), buildEdge('b', 'c', 'true'), buildEdge('c', 'a'), buildEdge('d', 'ghost'), buildEdge('x', 'd')],
  );
  const graphs: [string, TDraftGraph][] = [
    ['the seed flow', seed],
    ['a 60-step flow', buildLargeGraph(60, { defenderConnectionId: 'd', smtpConnectionId: 's' })],
    ['a draft with a loop, a dangling edge and an unknown step', messy],
  ];

  it.each(graphs)('offers exactly the steps canConnect accepts, for every step and handle of %s', (_name, graph) => {
    let offered = 0;
    for (const source of [...graph.nodes.map((n) => n.id), 'ghost']) {
      for (const handle of HANDLES) {
        const targets = connectableTargets(graph, source, handle);
        expect(targets, `${source}.${handle}`).toEqual(oneByOne(graph, source, handle));
        offered += targets.length;
      }
    }
    // The comparison must not pass vacuously.
    expect(offered).toBeGreaterThan(0);
  });

  it('never offers a step that already reaches the source', () => {
    expect(connectableTargets(messy, 'c', 'out')).not.toContain('a');
    expect(connectableTargets(messy, 'c', 'out')).not.toContain('b');
    expect(connectableTargets(messy, 'c', 'out')).toEqual(expect.arrayContaining(['d', 'x']));
  });
});
