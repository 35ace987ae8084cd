// Server-renders the inspector of a hunting step: the columns widget lists the columns with
// their types, offers Get columns / Refresh only to editors, and says where the columns came from.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode, TEST_DEFENDER_CONNECTION_ID } from '@/core/testing/builders';
import { Inspector } from './inspector';

function render(params: Record<string, unknown>, opts: { readOnly?: boolean; samples?: Record<string, unknown>; withAction?: boolean } = {}): string {
  const hunt = buildNode('hunt', 'defender.runHuntingQuery', { connectionId: TEST_DEFENDER_CONNECTION_ID, query: 'DeviceInfo', ...params });
  const graph = buildGraph([buildNode('trigger', 'schedule.recurrence'), hunt], [buildEdge('trigger', 'hunt')]);
  return renderToStaticMarkup(
    createElement(Inspector, {
      node: hunt,
      graph,
      connections: [{ id: TEST_DEFENDER_CONNECTION_ID, kind: 'defender', name: 'Contoso', isDemo: false }],
      samples: opts.samples ?? {},
      issues: [],
      readOnly: opts.readOnly ?? false,
      getColumns: opts.withAction === false ? undefined : async () => ({ ok: false as const, code: 'x', message: 'x' }),
      onChange: () => undefined,
    }),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Columns widget', () => {
  it('offers Get columns when none are known', () => {
    const html = text(render({}));
    expect(html).toContain('No columns yet');
    expect(html).toContain('Get columns');
    expect(html).not.toContain('Refresh');
  });

  it('lists stored columns with their KQL and token types, and offers Refresh', () => {
    const html = render({ columns: [{ name: 'DeviceName', type: 'String' }, { name: 'Logons', type: 'Int64' }] });
    expect(text(html)).toContain('2 columns, saved with the step.');
    expect(text(html)).toContain('DeviceName String text');
    expect(text(html)).toContain('Logons Int64 number');
    expect(text(html)).toContain('Refresh');
    expect(text(html)).toContain('Forget columns');
    // The outputs list now names the first row's columns.
    expect(html).toContain('{{ hunt.results[0].DeviceName }}');
  });

  it('shows the latest run’s columns when none are stored', () => {
    const html = text(render({}, { samples: { hunt: { schema: [{ name: 'DeviceId', type: 'String' }], results: [] } } }));
    expect(html).toContain('1 column seen in the latest run. Get columns to save them with the step.');
    expect(html).toContain('DeviceId');
  });

  it('has no buttons for a read-only viewer, or without the server action', () => {
    for (const html of [render({ columns: [{ name: 'A', type: 'String' }] }, { readOnly: true }), render({}, { withAction: false })]) {
      expect(text(html)).not.toMatch(/Get columns|Refresh|Forget columns/);
    }
  });

  it('renders column names as text, never markup', () => {
    const html = render({}, { samples: { hunt: { results: [{ '<img src=x onerror=alert(1)>': 1 }] } } });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });
});
