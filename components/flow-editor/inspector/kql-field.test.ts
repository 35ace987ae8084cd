// Server-renders the inspector for a hunting step: the query uses the monospace KQL field,
// the API choice shows its Graph default, and the query text is escaped, never markup.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode, TEST_DEFENDER_CONNECTION_ID } from '@/core/testing/builders';
import { Inspector } from './inspector';

function render(params: Record<string, unknown>): string {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: TEST_DEFENDER_CONNECTION_ID }),
      buildNode('hunting', 'defender.runHuntingQuery', { connectionId: TEST_DEFENDER_CONNECTION_ID, ...params }, { label: 'Hunt' }),
    ],
    [buildEdge('trigger', 'hunting')],
  );
  return renderToStaticMarkup(
    createElement(Inspector, {
      node: graph.nodes[1],
      graph,
      connections: [{ id: TEST_DEFENDER_CONNECTION_ID, kind: 'defender', name: 'Contoso', isDemo: false }],
      samples: {},
      issues: [],
      readOnly: false,
      onChange: () => undefined,
    }),
  );
}

describe('hunting step inspector', () => {
  it('labels the form by param title and marks the query required', () => {
    const html = render({ query: 'DeviceInfo | take 1' });
    const labels = [...html.matchAll(/<label[^>]*for="([^"]+)"[^>]*>(.*?)<\/label>/g)].map((m) => m[2].replace(/<[^>]+>/g, ''));
    expect(labels).toEqual(['Name', 'Defender connection*', 'Query*', 'API', 'Timespan', 'Retry policy', 'Time out after (seconds)', 'Notes']);
  });

  it('edits the query in a monospace, token-aware textarea', () => {
    const html = render({ query: 'DeviceInfo | where DeviceId == "{{ trigger.machineId }}"' });
    expect(html).toContain('data-widget="kql"');
    expect(html).toContain('[&amp;_textarea]:font-mono');
    expect(html).toMatch(/<textarea[^>]*id="insp-hunting-query"/);
    expect(html).toContain('Insert dynamic content');
    expect(html).toContain('&quot;');
  });

  it('shows the Graph API as the default choice', () => {
    const html = render({ query: 'DeviceInfo' });
    expect(html).toContain('<option value="graph" selected="">graph (default)</option>');
    expect(html).toContain('<option value="mde">mde</option>');
    expect(html).toContain('1 Feb 2027');
  });

  it('escapes markup in the query', () => {
    const html = render({ query: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
