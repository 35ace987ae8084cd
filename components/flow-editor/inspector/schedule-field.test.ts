// Server-renders the inspector for a schedule trigger: one schedule widget for all its params,
// the checker's issues under the control they concern, and the preview in words.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from '@/core/catalog';
import { checkFlow } from '@/core/flow/check';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { fieldsFor } from './param-fields';
import { Inspector } from './inspector';

function render(params: Record<string, unknown>): string {
  const graph = buildGraph(
    [buildNode('trigger', 'schedule.recurrence', params, { label: 'Tick' }), buildNode('c', 'control.condition', { combinator: 'and', rules: [] })],
    [buildEdge('trigger', 'c')],
  );
  return renderToStaticMarkup(
    createElement(Inspector, {
      node: graph.nodes[0]!,
      graph,
      connections: [],
      samples: {},
      issues: checkFlow(graph).issues,
      readOnly: false,
      onChange: () => undefined,
    }),
  );
}

describe('schedule widget', () => {
  it('is the one field of the schedule trigger, editing all its params', () => {
    const fields = fieldsFor(NODE_CATALOG['schedule.recurrence']!);
    expect(fields.map((f) => [f.key, f.root, f.widget])).toEqual([['', true, 'schedule']]);
  });

  it('renders the recurrence form with its summary', () => {
    const html = render({ mode: 'interval', every: 2, unit: 'days', at: '07:15', timezone: 'Asia/Tokyo' });
    expect(html).toContain('data-field="schedule"');
    expect(html).toContain('aria-checked="true"');
    expect(html).toContain('value="07:15"');
    expect(html).toContain('Every 2 days at 07:15 (Asia/Tokyo');
    expect(html.match(/<li>[^<]*\(Asia\/Tokyo\)<\/li>/g)).toHaveLength(3);
  });

  it('shows the checker issue under the cron input', () => {
    const html = render({ mode: 'cron', cron: '* * * *' });
    expect(html).toContain('id="insp-trigger-schedule-cron"');
    expect(html).toMatch(/id="insp-trigger-schedule-cron-err"[^>]*><li>[^<]*must have 5 fields/);
    expect(html).toContain('aria-invalid="true"');
  });
});
