// Tailwind emits `.w-full` after `.w-24`/`.w-28`/`.w-32`, so an element carrying two width
// utilities is full width whatever the class order: a fixed-width box (the Run code input's
// name, its result type, the schedule's "every") then takes a whole flex row and squeezes its
// neighbours. The inspector's controls that set a width start from `sizedInputClass` instead.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TDraftGraph } from '@/core/flow/schema';
import { buildAlert, buildEdge, buildGraph, buildNode, TEST_DEFENDER_CONNECTION_ID as DEF } from '@/core/testing/builders';
import { Inspector } from './inspector';

function render(graph: TDraftGraph, nodeId: string, samples: Record<string, unknown> = {}): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw new Error(nodeId);
  return renderToStaticMarkup(createElement(Inspector, { node, graph, connections: [], samples, issues: [], readOnly: false, onChange: () => undefined }));
}

/** The class lists, in the rendered HTML, that hold more than one width utility. */
function conflictingWidths(html: string): string[][] {
  return [...html.matchAll(/class="([^"]*)"/g)]
    .map((m) => m[1].split(/\s+/).filter((c) => /^w-(\d+|full|auto|px|\[[^\]]*\])$/.test(c)))
    .filter((widths) => widths.length > 1);
}

describe('inspector controls carry one width each', () => {
  it('in the Run code widgets (inputs and typed result fields)', () => {
    const graph = buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
        buildNode('get_alert', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }),
        buildNode('run_code', 'code.run', {
          code: 'export default function main(input) { return { score: 1 }; }',
          inputs: [{ name: 'severity', value: '{{ get_alert.severity }}' }],
          outputFields: [{ name: 'score', type: 'number' }],
        }),
      ],
      [buildEdge('trigger', 'get_alert'), buildEdge('get_alert', 'run_code')],
    );
    const html = render(graph, 'run_code', { get_alert: buildAlert() });
    expect(html).toContain('aria-label="Input 1 name"');
    expect(html).toContain('aria-label="Result field 1 type"');
    expect(conflictingWidths(html)).toEqual([]);
  });

  it('in the schedule widget (every / unit / at)', () => {
    const graph = buildGraph(
      [buildNode('trigger', 'schedule.recurrence', { mode: 'interval', every: 2, unit: 'days', at: '07:15' }), buildNode('c', 'control.condition', { combinator: 'and', rules: [] })],
      [buildEdge('trigger', 'c')],
    );
    const html = render(graph, 'trigger');
    expect(html).toContain('value="07:15"');
    expect(conflictingWidths(html)).toEqual([]);
  });
});
