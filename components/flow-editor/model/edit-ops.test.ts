import { describe, expect, it } from 'vitest';
import { checkFlow } from '@/core/flow/check';
import { buildSeedFlow } from '@/core/testing/builders';
import { addNode, emptyFlow, insertAfter, insertOnEdge, moveNodes, removeElements, updateNode } from './edit-ops';
import { tidyUp } from './tidy';

const seed = buildSeedFlow();

describe('addNode', () => {
  it('names the node from the catalog title, unique, with catalog defaults', () => {
    const first = addNode(seed, 'defender.getAlert', { x: 10.4, y: 20 });
    if (!first.ok) throw new Error(first.reason);
    expect(first.nodeId).toBe('get_alert_2');
    const node = first.graph.nodes.find((n) => n.id === 'get_alert_2');
    expect(node).toMatchObject({ label: 'Get alert', type: 'defender.getAlert', position: { x: 10, y: 20 } });
    const isolate = addNode(seed, 'defender.isolateMachine', { x: 0, y: 0 });
    if (!isolate.ok) throw new Error(isolate.reason);
    expect(isolate.graph.nodes.at(-1)?.params).toEqual({ isolationType: 'Full', waitUntilDone: false, waitTimeoutMinutes: 30 });
    expect(seed.nodes).toHaveLength(5);
  });

  it('starts a condition with one empty row', () => {
    const r = addNode(emptyFlow(), 'control.condition', { x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.graph.nodes.at(-1)?.params).toEqual({ combinator: 'and', rules: [{ left: '', operator: 'equals', right: '' }] });
  });

  it('refuses a second trigger and an unknown type', () => {
    expect(addNode(seed, 'defender.alertCreated', { x: 0, y: 0 })).toMatchObject({ ok: false, reason: expect.stringMatching(/already has a trigger/) });
    expect(addNode(seed, 'nope.nothing', { x: 0, y: 0 }).ok).toBe(false);
  });
});

describe('insertOnEdge / insertAfter', () => {
  it('splits an edge and shifts everything downstream one column', () => {
    const r = insertOnEdge(seed, 'e2', 'email.send');
    if (!r.ok) throw new Error(r.reason);
    const g = r.graph;
    expect(g.edges.find((e) => e.id === 'e2')).toMatchObject({ source: 'get_alert', target: 'send_an_email' });
    expect(g.edges.some((e) => e.source === 'send_an_email' && e.sourceHandle === 'out' && e.target === 'is_high')).toBe(true);
    const x = (id: string) => g.nodes.find((n) => n.id === id)?.position.x;
    expect(x('is_high')).toBe(560 + 280);
    expect(x('notify_soc')).toBe(1120 + 280);
    expect(x('get_alert')).toBe(280);
    // Untouched nodes are kept by reference (cheap canvas updates, cheap undo).
    expect(g.nodes.find((n) => n.id === 'trigger')).toBe(seed.nodes[0]);
  });

  it('adds a connected step on a free handle', () => {
    const r = insertAfter(seed, 'is_high', 'false', 'email.send');
    if (!r.ok) throw new Error(r.reason);
    expect(r.graph.edges.at(-1)).toMatchObject({ source: 'is_high', sourceHandle: 'false', target: r.nodeId });
    expect(checkFlow(r.graph).issues.filter((i) => i.code === 'Unreachable')).toEqual([]);
  });

  it('goes in between when the handle already leads somewhere', () => {
    const r = insertAfter(seed, 'trigger', 'out', 'control.condition');
    if (!r.ok) throw new Error(r.reason);
    expect(r.graph.edges.some((e) => e.source === 'condition' && e.sourceHandle === 'true' && e.target === 'get_alert')).toBe(true);
  });

  it('refuses a handle the node does not have', () => {
    expect(insertAfter(seed, 'trigger', 'error', 'email.send').ok).toBe(false);
  });
});

describe('removeElements', () => {
  it('removes nodes with their edges and never the trigger', () => {
    const { graph, keptTrigger } = removeElements(seed, ['trigger', 'is_high']);
    expect(keptTrigger).toBe(true);
    expect(graph.nodes.map((n) => n.id)).toEqual(['trigger', 'get_alert', 'isolate', 'notify_soc']);
    expect(graph.edges.map((e) => e.id)).toEqual(['e1', 'e4']);
  });

  it('removes single edges', () => {
    expect(removeElements(seed, [], ['e4']).graph.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('moveNodes / updateNode', () => {
  it('returns the same graph when nothing moved', () => {
    expect(moveNodes(seed, new Map([['get_alert', { x: 280, y: 0 }]]))).toBe(seed);
    const moved = moveNodes(seed, new Map([['get_alert', { x: 300.6, y: 10 }]]));
    expect(moved.nodes[1].position).toEqual({ x: 301, y: 10 });
  });

  it('patches label, params and notes; an empty note is dropped', () => {
    const g = updateNode(seed, 'isolate', { label: 'Cut off', notes: 'ask first' });
    expect(g.nodes[3]).toMatchObject({ label: 'Cut off', notes: 'ask first' });
    expect(updateNode(g, 'isolate', { notes: ' ' }).nodes[3].notes).toBeUndefined();
  });
});

describe('tidyUp', () => {
  it('lays out left to right and keeps the trigger in place', () => {
    const scrambled = moveNodes(seed, new Map(seed.nodes.map((n, i) => [n.id, { x: (i * 97) % 300, y: (i * 53) % 200 }])));
    const tidy = tidyUp(scrambled);
    const pos = new Map(tidy.nodes.map((n) => [n.id, n.position]));
    expect(pos.get('trigger')).toEqual(scrambled.nodes[0].position);
    const xs = ['trigger', 'get_alert', 'is_high', 'isolate', 'notify_soc'].map((id) => pos.get(id)?.x ?? 0);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });
});
