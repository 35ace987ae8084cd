import { describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { TDraftGraph } from '@/core/flow/schema';
import { tokenOptions } from './token-options';
import { textParts, tokenContext } from './token-text';

const COLUMNS = [
  { name: 'Timestamp', type: 'DateTime' },
  { name: 'DeviceName', type: 'String' },
  { name: 'Logons', type: 'Int64' },
];

function graph(huntParams: Record<string, unknown>): TDraftGraph {
  return buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence'),
      buildNode('hunt', 'defender.runHuntingQuery', { query: 'DeviceLogonEvents', ...huntParams }, { label: 'Logons' }),
      buildNode('loop', 'control.forEach', { items: '{{ hunt.results }}' }, { label: 'Each device' }),
      buildNode('mail', 'email.send'),
      buildNode('after', 'email.send'),
    ],
    [buildEdge('trigger', 'hunt'), buildEdge('hunt', 'loop'), buildEdge('loop', 'mail', 'each'), buildEdge('loop', 'after', 'done')],
  );
}

const fieldsOf = (g: TDraftGraph, at: string, nodeId: string, samples = {}) =>
  tokenOptions(g, at, samples).find((x) => x.nodeId === nodeId)?.fields.map((f) => [f.token, f.type, f.label]);

describe('token options — hunting columns', () => {
  it('inside a loop over the results, offers one typed token per stored column', () => {
    const loop = fieldsOf(graph({ columns: COLUMNS }), 'mail', 'loop');
    expect(loop).toEqual([
      ['{{ loop.item }}', 'any', 'Current item (inside the loop)'],
      ['{{ loop.item.Timestamp }}', 'datetime', 'Item: Timestamp'],
      ['{{ loop.item.DeviceName }}', 'string', 'Item: DeviceName'],
      ['{{ loop.item.Logons }}', 'number', 'Item: Logons'],
      ['{{ loop.index }}', 'number', 'Current index (inside the loop)'],
    ]);
  });

  it('after the loop, offers results and count only', () => {
    expect(fieldsOf(graph({ columns: COLUMNS }), 'after', 'loop')?.map((f) => f[0])).toEqual(['{{ loop.results }}', '{{ loop.count }}']);
  });

  it('offers first-row tokens on the hunting step itself', () => {
    const hunt = fieldsOf(graph({ columns: COLUMNS }), 'mail', 'hunt')?.map((f) => f[0]);
    expect(hunt).toEqual([
      '{{ hunt.results }}',
      '{{ hunt.results[0].Timestamp }}',
      '{{ hunt.results[0].DeviceName }}',
      '{{ hunt.results[0].Logons }}',
      '{{ hunt.rowCount }}',
      '{{ hunt.schema }}',
      '{{ hunt.api }}',
    ]);
  });

  it('without stored columns, infers them from the latest run and shows its values', () => {
    const samples = {
      hunt: { results: [{ DeviceName: 'srv-01', Logons: 12 }], rowCount: 1, schema: [], api: 'graph' },
      loop: { item: { DeviceName: 'srv-01', Logons: 12 }, index: 0 },
    };
    const options = tokenOptions(graph({}), 'mail', samples).find((x) => x.nodeId === 'loop')?.fields;
    expect(options?.map((f) => [f.token, f.type, f.sample])).toEqual([
      ['{{ loop.item }}', 'any', '{"DeviceName":"srv-01","Logons":12}'],
      ['{{ loop.item.DeviceName }}', 'string', 'srv-01'],
      ['{{ loop.item.Logons }}', 'number', '12'],
      ['{{ loop.index }}', 'number', '0'],
    ]);
  });

  it('offers just item and index when nothing is known about the rows', () => {
    expect(fieldsOf(graph({}), 'mail', 'loop')?.map((f) => f[0])).toEqual(['{{ loop.item }}', '{{ loop.index }}']);
  });

  it('labels a column chip by step and column', () => {
    const g = graph({ columns: COLUMNS });
    expect(textParts('{{ loop.item.DeviceName }}', tokenContext(g, 'mail'))).toEqual([
      { kind: 'token', raw: '{{ loop.item.DeviceName }}', label: 'Each device › Item: DeviceName', state: 'ok' },
    ]);
  });
});
