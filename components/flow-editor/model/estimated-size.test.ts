import { describe, expect, it } from 'vitest';
import { buildSeedFlow } from '@/core/testing/builders';
import { createProjector } from './to-canvas';
import { withEstimatedSize, withoutEstimate } from './estimated-size';

const nodes = createProjector()({ graph: buildSeedFlow(), selectedNodes: new Set(), selectedEdges: new Set(), issuesByNode: new Map(), readOnly: false }).nodes;
const byId = (id: string) => withEstimatedSize(nodes.find((n) => n.id === id)!);

describe('withEstimatedSize', () => {
  it('gives each step the handles its card draws, by kind', () => {
    const ids = (id: string) => byId(id).handles!.map((h) => `${h.type}:${h.id ?? 'in'}`);
    expect(ids('trigger')).toEqual(['source:out']);
    expect(ids('get_alert')).toEqual(['target:in', 'source:out', 'source:error']);
    expect(ids('is_high')).toEqual(['target:in', 'source:true', 'source:false']);
  });

  it('estimates a size no element measures, so React Flow always re-measures a drawn step', () => {
    const { width, height } = byId('isolate').measured!;
    expect(Number.isInteger(width)).toBe(false);
    expect(Number.isInteger(height)).toBe(false);
  });

  it('drops the estimated handles once measured, keeping the rest of the node', () => {
    const estimated = byId('isolate');
    const measured = withoutEstimate({ ...estimated, measured: { width: 220, height: 104 } });
    expect(measured.handles).toBeUndefined();
    expect(measured.measured).toEqual({ width: 220, height: 104 });
    expect(measured.data).toBe(estimated.data);
    const plain = nodes[0]!;
    expect(withoutEstimate(plain)).toBe(plain);
  });
});
