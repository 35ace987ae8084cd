import { describe, expect, it } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { checkFlow, type FlowIssue } from './check';
import { graphFields } from './output-fields';

const COLUMNS = [
  { name: 'DeviceId', type: 'String' },
  { name: 'DeviceName', type: 'String' },
  { name: 'Logons', type: 'Int64' },
];

function flow(body: string, huntParams: Record<string, unknown> = { columns: COLUMNS }, items = '{{ hunt.results }}') {
  return buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence', { mode: 'interval', every: 1, unit: 'hours' }),
      buildNode('hunt', 'defender.runHuntingQuery', { connectionId: DEF, query: 'DeviceInfo | project DeviceId, DeviceName', ...huntParams }),
      buildNode('loop', 'control.forEach', { items }),
      buildNode('mail', 'email.send', { connectionId: SMTP, to: 'soc@contoso.example', subject: body, body: 'x' }),
    ],
    [buildEdge('trigger', 'hunt'), buildEdge('hunt', 'loop'), buildEdge('loop', 'mail', 'each')],
  );
}

const tokenIssues = (issues: FlowIssue[]) => issues.filter((i) => i.nodeId === 'mail' && i.path?.[0] === 'subject').map((i) => [i.severity, i.code]);

describe('checkFlow — hunting columns in a for each', () => {
  it('accepts {{ loop.item.<Column> }} for a known column', () => {
    expect(tokenIssues(checkFlow(flow('Device {{ loop.item.DeviceName }} ({{ loop.item.DeviceId }})')).issues)).toEqual([]);
  });

  it('warns (not errors) about a column the stored schema does not have', () => {
    const issues = checkFlow(flow('Device {{ loop.item.DeviceNmae }}')).issues;
    expect(tokenIssues(issues)).toEqual([['warning', 'UnknownColumn']]);
    expect(issues.find((i) => i.code === 'UnknownColumn')?.message).toContain('"DeviceNmae" is not one of the known columns (DeviceId, DeviceName, Logons)');
  });

  it('checks first-row tokens against the columns too', () => {
    const graph = flow('x');
    graph.nodes[3]!.params.subject = '{{ hunt.results[0].DeviceName }} {{ hunt.results[0].Nope }}';
    graph.edges[2] = buildEdge('hunt', 'mail');
    graph.nodes.splice(2, 1);
    graph.edges.splice(1, 1);
    expect(tokenIssues(checkFlow(graph).issues)).toEqual([['warning', 'UnknownColumn']]);
  });

  it('says nothing about item fields when no columns are known', () => {
    expect(tokenIssues(checkFlow(flow('{{ loop.item.Anything }}', {})).issues)).toEqual([]);
  });

  it('types loop item columns, so a condition can compare a number column', () => {
    const fields = graphFields(flow('x').nodes)('loop');
    expect(fields.filter((f) => f.path.startsWith('item.')).map((f) => [f.path, f.type])).toEqual([
      ['item.DeviceId', 'string'],
      ['item.DeviceName', 'string'],
      ['item.Logons', 'number'],
    ]);
  });

  it('derives item fields only when the items are exactly one token naming the rows', () => {
    expect(graphFields(flow('x', { columns: COLUMNS }, 'rows: {{ hunt.results }}').nodes)('loop').some((f) => f.path.startsWith('item.'))).toBe(false);
    expect(graphFields(flow('x', { columns: COLUMNS }, '{{ hunt.schema }}').nodes)('loop').some((f) => f.path.startsWith('item.'))).toBe(false);
  });

  it('survives loops that read each other (a broken draft)', () => {
    const nodes = [buildNode('a', 'control.forEach', { items: '{{ b.item.x }}' }), buildNode('b', 'control.forEach', { items: '{{ a.item.y }}' })];
    expect(graphFields(nodes)('a').map((f) => f.path)).toEqual(['item', 'index', 'results', 'count']);
  });
});
