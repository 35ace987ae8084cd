// The Run code step's inspector: server-rendered (no browser) with its three widgets, and the
// helpers that read possibly half-built params from a draft.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildAlert, buildEdge, buildGraph, buildNode, TEST_DEFENDER_CONNECTION_ID as DEF } from '@/core/testing/builders';
import { Inspector } from './inspector';
import { asCodeInputs } from './fields/code-inputs-field';
import { asOutputFields } from './fields/code-outputs-field';

const graph = buildGraph(
  [
    buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
    buildNode('get_alert', 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' }),
    buildNode('run_code', 'code.run', { code: 'export default function main(input) { return { score: 1 }; }', inputs: [{ name: 'severity', value: '{{ get_alert.severity }}' }] }),
  ],
  [buildEdge('trigger', 'get_alert'), buildEdge('get_alert', 'run_code')],
);

function render(samples: Record<string, unknown> = {}): string {
  const node = graph.nodes.find((n) => n.id === 'run_code');
  if (node === undefined) throw new Error('run_code');
  return renderToStaticMarkup(
    createElement(Inspector, { node, graph, connections: [], samples: { get_alert: buildAlert(), ...samples }, issues: [], readOnly: false, onChange: () => undefined }),
  );
}

describe('Run code inspector', () => {
  it('renders the code editor, the inputs with their token value and the result fields', () => {
    const html = render();
    expect(html).toContain('data-widget="code"');
    expect(html).toContain('aria-label="Input 1 name"');
    expect(html).toContain('value="severity"');
    expect(html).toContain('Insert dynamic content');
    expect(html).toContain('Add input');
    expect(html).toContain('None declared: result.&lt;field&gt; tokens are untyped until the step has run.');
  });

  it('gives each input row a fixed-width name box, so the value field and its token picker keep their room', () => {
    // `w-full` next to `w-28` wins in Tailwind's stylesheet: a shrink-0 name box carrying both took
    // the whole row and left the value field (and the picker panel spanning it) zero pixels wide.
    const name = /<input[^>]*aria-label="Input 1 name"[^>]*>/.exec(render())?.[0] ?? '';
    expect(name).toContain('w-28');
    expect(name).not.toMatch(/\bw-full\b/);
  });

  it('offers the latest run result fields when none are declared', () => {
    const html = render({ run_code: { result: { score: 3, level: 'high' }, logs: [], durationMs: 1 } });
    expect(html).toContain('From the latest run: score, level.');
    expect(html).toContain('Keep the fields of the latest run');
  });

  it('reads half-built drafts without throwing', () => {
    expect(asCodeInputs(undefined)).toEqual([]);
    expect(asCodeInputs([null, { name: 'a' }, { name: 3, value: 1 }])).toEqual([{ name: '', value: '' }, { name: 'a', value: '' }, { name: '', value: 1 }]);
    expect(asOutputFields([{ name: 'x', type: 'nope' }, 'bad'])).toEqual([{ name: 'x', type: 'any' }, { name: '', type: 'any' }]);
  });
});
