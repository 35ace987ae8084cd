import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { updateNode } from './edit-ops';
import { createProjector, type ProjectionInput } from './to-canvas';

const seed = buildSeedFlow();
const base: ProjectionInput = { graph: seed, selectedNodes: new Set(), selectedEdges: new Set(), issuesByNode: new Map(), readOnly: false };

describe('createProjector', () => {
  it('maps kinds, captions, labels and handle names', () => {
    const { nodes, edges } = createProjector()(base);
    expect(nodes.map((n) => n.type)).toEqual(['trigger', 'action', 'condition', 'action', 'action']);
    expect(nodes[1].data).toMatchObject({ caption: 'Microsoft Defender', label: 'Get alert', icon: 'shield-search', connected: 'out' });
    expect(nodes[0].deletable).toBe(false);
    expect(edges.find((e) => e.id === 'e3')?.data).toMatchObject({ handle: 'true', label: null });
    expect(edges.find((e) => e.id === 'e1')?.data?.label).toBeNull();
  });

  it('re-creates only the nodes whose inputs changed', () => {
    const project = createProjector();
    const first = project(base);
    const edited = updateNode(seed, 'isolate', { label: 'Cut off' });
    const second = project({ ...base, graph: edited, selectedNodes: new Set(['get_alert']), issuesByNode: new Map([['notify_soc', { errors: 1, warnings: 0 }]]) });
    const changed = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['get_alert', 'isolate', 'notify_soc']);
    expect(second.nodes[4].data.errors).toBe(1);
    expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
  });
});
