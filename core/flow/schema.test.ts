import { describe, it, expect } from 'vitest';
import { ZDraftGraph, emptyDraftGraph } from './schema';

describe('ZDraftGraph (lenient draft)', () => {
  it('accepts half-built graphs and fills defaults', () => {
    const parsed = ZDraftGraph.parse({
      schemaVersion: 1,
      nodes: [{ id: 'trigger', type: 'not.a.type' }, { id: 'x', type: '', params: { a: '{{ nowhere.x }}' } }],
      edges: [{ id: 'e1', source: 'trigger', target: 'missing', targetHandle: null }],
    });
    expect(parsed.nodes[0]).toEqual({ id: 'trigger', type: 'not.a.type', label: '', position: { x: 0, y: 0 }, params: {} });
    expect(parsed.edges[0].sourceHandle).toBe('out');
  });

  it('rejects structurally broken graphs', () => {
    expect(ZDraftGraph.safeParse({ schemaVersion: 2, nodes: [], edges: [] }).success).toBe(false);
    expect(ZDraftGraph.safeParse({ schemaVersion: 1, nodes: [{ id: 'Bad Id', type: 'x' }], edges: [] }).success).toBe(false);
    expect(ZDraftGraph.safeParse({ schemaVersion: 1, nodes: [{ id: '1abc', type: 'x' }], edges: [] }).success).toBe(false);
    expect(ZDraftGraph.safeParse({ schemaVersion: 1, nodes: [], edges: [{ id: '', source: 'a', target: 'b' }] }).success).toBe(false);
    expect(ZDraftGraph.safeParse({ schemaVersion: 1, nodes: 'x', edges: [] }).success).toBe(false);
  });

  it('provides an empty draft with only the trigger', () => {
    expect(ZDraftGraph.parse(emptyDraftGraph()).nodes.map((n) => n.id)).toEqual(['trigger']);
  });
});
