import { describe, it, expect } from 'vitest';
import { buildEdge, buildGraph, buildNode } from '../testing/builders';
import { findCycle, incomingEdges, outgoingEdges, reachableFrom, topologicalOrder, upstreamOf } from './graph';

// trigger → a → cond ─true→ b → d ; cond ─false→ c → d ; island (unconnected)
const graph = buildGraph(
  ['trigger', 'a', 'cond', 'b', 'c', 'd', 'island'].map((id) => buildNode(id, 'x')),
  [
    buildEdge('trigger', 'a'),
    buildEdge('a', 'cond'),
    buildEdge('cond', 'b', 'true'),
    buildEdge('cond', 'c', 'false'),
    buildEdge('b', 'd'),
    buildEdge('c', 'd'),
    buildEdge('a', 'ghost'), // dangling: ignored
  ],
);

describe('graph helpers', () => {
  it('lists outgoing edges by handle and incoming edges', () => {
    expect(outgoingEdges(graph, 'cond').map((e) => e.target)).toEqual(['b', 'c']);
    expect(outgoingEdges(graph, 'cond', 'false').map((e) => e.target)).toEqual(['c']);
    expect(incomingEdges(graph, 'd').map((e) => e.source)).toEqual(['b', 'c']);
  });

  it('computes ancestors', () => {
    expect([...upstreamOf(graph, 'd')].sort()).toEqual(['a', 'b', 'c', 'cond', 'trigger']);
    expect([...upstreamOf(graph, 'b')].sort()).toEqual(['a', 'cond', 'trigger']);
    expect(upstreamOf(graph, 'trigger').size).toBe(0);
  });

  it('computes reachability from the trigger', () => {
    const reachable = reachableFrom(graph, 'trigger');
    expect(reachable.has('d')).toBe(true);
    expect(reachable.has('island')).toBe(false);
    expect(reachable.has('ghost')).toBe(false);
    expect(reachableFrom(graph, 'nope').size).toBe(0);
  });

  it('orders topologically, keeping node order for ties', () => {
    expect(topologicalOrder(graph)).toEqual(['trigger', 'a', 'cond', 'b', 'c', 'd', 'island']);
  });

  it('detects cycles', () => {
    expect(findCycle(graph)).toBeNull();
    const cyclic = buildGraph(graph.nodes, [...graph.edges, buildEdge('d', 'a')]);
    expect(findCycle(cyclic)).toEqual(['a', 'cond', 'b', 'd', 'a']);
    expect(topologicalOrder(cyclic)).toBeNull();
    const selfLoop = buildGraph([buildNode('a', 'x')], [buildEdge('a', 'a')]);
    expect(findCycle(selfLoop)).toEqual(['a', 'a']);
  });
});
