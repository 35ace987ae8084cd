import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { copyFragment, pasteFragment, serializeFragment } from './clipboard';
import { emptyFlow } from './edit-ops';

const seed = buildSeedFlow();

describe('copyFragment', () => {
  it('keeps only edges between the selected nodes', () => {
    const f = copyFragment(seed, ['get_alert', 'is_high', 'notify_soc']);
    expect(f?.nodes.map((n) => n.id)).toEqual(['get_alert', 'is_high', 'notify_soc']);
    expect(f?.edges.map((e) => e.id)).toEqual(['e2']);
    expect(f).toMatchObject({ riposte: 'flow-fragment', version: 1 });
  });

  it('returns null for an empty selection', () => {
    expect(copyFragment(seed, [])).toBeNull();
  });
});

describe('pasteFragment', () => {
  it('remaps ids, keeps internal edges, rewrites tokens and offsets positions', () => {
    const text = serializeFragment(copyFragment(seed, ['get_alert', 'is_high', 'isolate']) ?? expect.fail());
    const r = pasteFragment(seed, text, { offset: { x: 40, y: 40 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.newNodeIds).toEqual(['get_alert_2', 'is_high_2', 'isolate_2']);
    const byId = new Map(r.graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('is_high_2')?.params).toEqual({
      combinator: 'and',
      rules: [{ left: '{{ get_alert_2.severity }}', operator: 'equals', right: 'High' }],
    });
    // A token to a node that was NOT copied still points at the original.
    expect(byId.get('get_alert_2')?.params.alertId).toBe('{{ trigger.id }}');
    expect(byId.get('isolate_2')?.params.comment).toBe('Isolated by Riposte: high severity alert {{ get_alert_2.id }} ({{ get_alert_2.title }})');
    expect(byId.get('get_alert_2')?.position).toEqual({ x: 320, y: 40 });
    const newEdges = r.graph.edges.filter((e) => r.newEdgeIds.includes(e.id));
    expect(newEdges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      ['get_alert_2', 'out', 'is_high_2'],
      ['is_high_2', 'true', 'isolate_2'],
    ]);
    expect(new Set(r.graph.edges.map((e) => e.id)).size).toBe(r.graph.edges.length);
  });

  it('pasting twice keeps ids readable and unique', () => {
    const f = copyFragment(seed, ['get_alert']);
    const once = pasteFragment(seed, f, { offset: { x: 0, y: 0 } });
    if (!once.ok) throw new Error(once.reason);
    const twice = pasteFragment(once.graph, copyFragment(once.graph, ['get_alert_2']), { offset: { x: 0, y: 0 } });
    if (!twice.ok) throw new Error(twice.reason);
    expect(twice.newNodeIds).toEqual(['get_alert_3']);
  });

  it('never adds a second trigger', () => {
    const r = pasteFragment(seed, copyFragment(seed, ['trigger', 'get_alert']), { offset: { x: 0, y: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.skippedTrigger).toBe(true);
    expect(r.newNodeIds).toEqual(['get_alert_2']);
    expect(pasteFragment(seed, copyFragment(seed, ['trigger']), { offset: { x: 0, y: 0 } })).toMatchObject({ ok: false });
  });

  it('pastes a trigger into a flow without one, under the id "trigger"', () => {
    const noTrigger = { ...emptyFlow(), nodes: [] };
    const r = pasteFragment(noTrigger, copyFragment(seed, ['trigger', 'get_alert']), { offset: { x: 0, y: 0 } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.newNodeIds).toEqual(['trigger', 'get_alert']);
  });

  it.each([
    ['text that is not JSON', 'hello', /not JSON/],
    ['JSON of another shape', '{"a":1}', /does not hold Riposte steps/],
    ['a fragment with a bad node id', JSON.stringify({ riposte: 'flow-fragment', version: 1, nodes: [{ id: 'Bad Id', type: 'x' }], edges: [] }), /nodes\.0\.id/],
    ['an empty fragment', JSON.stringify({ riposte: 'flow-fragment', version: 1, nodes: [], edges: [] }), /no steps/],
  ])('rejects %s with a clear reason', (_name, text, reason) => {
    const r = pasteFragment(seed, text, { offset: { x: 0, y: 0 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
