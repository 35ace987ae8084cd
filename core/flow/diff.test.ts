import { describe, expect, it } from 'vitest';
import { diffGraphs } from './diff';
import { buildSeedFlowGraph } from '../testing/builders';

const seed = () => buildSeedFlowGraph({ defenderConnectionId: '00000000-0000-4000-8000-000000000001', smtpConnectionId: '00000000-0000-4000-8000-000000000002', socEmail: 'soc@x.test' });

describe('diffGraphs', () => {
  it('reports nothing for an identical graph, even when nodes moved', () => {
    const a = seed();
    const b = { ...a, nodes: a.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 7 } })) };
    expect(diffGraphs(a, b)).toEqual([]);
  });

  it('names added, removed and changed nodes and edges', () => {
    const a = seed();
    const b = structuredClone(a);
    b.nodes = b.nodes.filter((n) => n.id !== 'notify_soc');
    b.edges = b.edges.filter((e) => e.target !== 'notify_soc');
    const iso = b.nodes.find((n) => n.id === 'isolate')!;
    iso.params = { ...iso.params, isolationType: 'Selective' };
    iso.label = 'Contain device';
    b.nodes.push({ id: 'tag', type: 'defender.getAlert', label: 'Tag', position: { x: 0, y: 0 }, params: {} });
    b.edges.push({ id: 'e_new', source: 'isolate', sourceHandle: 'out', target: 'tag' });
    const changes = diffGraphs(a, b);
    expect(changes).toContainEqual({ kind: 'changed', what: 'node', id: 'isolate', label: 'Contain device', fields: ['label', 'params.isolationType'] });
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'removed', what: 'node', id: 'notify_soc' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'added', what: 'node', id: 'tag' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'added', what: 'edge', label: 'isolate (out) → tag' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'removed', what: 'edge', label: 'isolate (out) → notify_soc' }));
  });

  it('treats everything as added when nothing was published', () => {
    const changes = diffGraphs(null, seed());
    expect(changes.every((c) => c.kind === 'added')).toBe(true);
    expect(changes.filter((c) => c.what === 'node')).toHaveLength(5);
  });
});
