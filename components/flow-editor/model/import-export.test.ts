import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { emptyFlow } from './edit-ops';
import { exportFileName, exportFlow, importInto, parseImport } from './import-export';

const seed = buildSeedFlow();

describe('export / import', () => {
  it('round-trips the REST export format', () => {
    const text = exportFlow({ name: 'Isolate', description: 'd', graph: seed });
    const parsed = parseImport(text);
    expect(parsed).toEqual({ ok: true, flow: { name: 'Isolate', description: 'd', graph: seed } });
    expect(exportFileName('Isolate device on High!')).toBe('riposte-isolate-device-on-high.json');
  });

  it('keeps a hunting step\'s saved columns through export and import', () => {
    const graph = {
      ...seed,
      nodes: [...seed.nodes, { id: 'hunt', type: 'defender.runHuntingQuery', label: 'Hunt', position: { x: 0, y: 0 }, params: { query: 'DeviceInfo', columns: [{ name: 'DeviceName', type: 'String' }] } }],
    };
    const parsed = parseImport(exportFlow({ name: 'Hunt', description: '', graph }));
    expect(parsed.ok && parsed.flow.graph.nodes.find((n) => n.id === 'hunt')?.params.columns).toEqual([{ name: 'DeviceName', type: 'String' }]);
  });

  it('accepts a bare graph', () => {
    expect(parseImport(JSON.stringify(seed)).ok).toBe(true);
  });

  it('lists each problem', () => {
    const bad = { name: 'x', graph: { schemaVersion: 2, nodes: [{ id: 'Bad', type: 'x' }], edges: 'no' } };
    const r = parseImport(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(3);
      expect(r.problems.join('\n')).toMatch(/graph\.schemaVersion/);
      expect(r.problems.join('\n')).toMatch(/graph\.nodes\.0\.id: Node ids are lowercase/);
    }
    expect(parseImport('{')).toMatchObject({ ok: false, problems: [expect.stringMatching(/not valid JSON/)] });
  });

  it('replaces a blank canvas', () => {
    const r = importInto(emptyFlow(), seed);
    expect(r).toMatchObject({ ok: true, replaced: true, graph: seed });
  });

  it('merges into a non-empty canvas, remapping ids and skipping the second trigger', () => {
    const r = importInto(seed, seed);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.replaced).toBe(false);
    expect(r.skippedTrigger).toBe(true);
    expect(r.newNodeIds).toEqual(['get_alert_2', 'is_high_2', 'isolate_2', 'notify_soc_2']);
    expect(r.graph.nodes).toHaveLength(9);
    const moved = r.graph.nodes.find((n) => n.id === 'get_alert_2');
    expect(moved?.position.y).toBeGreaterThan(0);
  });
});
