import { describe, expect, it } from 'vitest';
import { largeFlowViewport, LARGE_FLOW } from './initial-view';
import { buildLargeGraph } from '@/core/testing/large-graph';
import { buildSeedFlowGraph } from '@/core/testing/builders';

const ids = { defenderConnectionId: '00000000-0000-4000-8000-000000000001', smtpConnectionId: '00000000-0000-4000-8000-000000000002' };

describe('largeFlowViewport', () => {
  it('puts the trigger of a large flow near the top-left at a readable zoom', () => {
    const graph = buildLargeGraph(LARGE_FLOW * 3, ids);
    graph.nodes[0]!.position = { x: 1000, y: 500 };
    expect(largeFlowViewport(graph)).toEqual({ x: 48 - 800, y: 160 - 400, zoom: 0.8 });
    expect(largeFlowViewport(buildSeedFlowGraph({ ...ids, socEmail: 'soc@x.test' }))).toBeNull();
  });
});
