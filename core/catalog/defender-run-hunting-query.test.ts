import { describe, expect, it } from 'vitest';
import { getNodeType, handlesOf } from './index';

const CONN = '5f0c6d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f';
const def = getNodeType('defender.runHuntingQuery')!;
const parse = (params: Record<string, unknown>) => def.params.safeParse({ connectionId: CONN, query: 'DeviceInfo | take 5', ...params });
const messages = (params: Record<string, unknown>) => {
  const result = parse(params);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('defender.runHuntingQuery', () => {
  it('is a read-only Defender action with rows, row count and columns as outputs', () => {
    expect(def).toMatchObject({ kind: 'action', category: 'Microsoft Defender', connectionKind: 'defender', sideEffect: false });
    // Each API its own permission on its own token: Graph (the default) ThreatHunting.Read.All, MDE AdvancedQuery.Read.All.
    expect(def.permission).toBeUndefined();
    expect(def.permissionFor?.({})).toEqual({ api: 'graph', role: 'ThreatHunting.Read.All' });
    expect(def.permissionFor?.({ api: 'mde' })).toEqual({ api: 'mde', role: 'AdvancedQuery.Read.All' });
    expect(handlesOf(def)).toEqual(['out', 'error']);
    expect(def.outputFields.map((f) => [f.path, f.type])).toEqual([
      ['results', 'array'], ['rowCount', 'number'], ['schema', 'array'], ['api', 'string'],
    ]);
  });

  it('defaults to the Graph API and says why in the description', () => {
    expect(parse({}).data).toEqual({ connectionId: CONN, query: 'DeviceInfo | take 5', api: 'graph' });
    const apiMeta = JSON.stringify(def.params.shape.api.meta());
    expect(apiMeta).toContain('1 Feb 2027');
    expect(apiMeta).toContain('ThreatHunting.Read.All');
  });

  it('needs a non-blank query and a Defender connection', () => {
    expect(messages({ query: '   ' })).toEqual(['query: Required']);
    expect(parse({ query: undefined }).success).toBe(false);
    expect(parse({ connectionId: 'nope' }).success).toBe(false);
  });

  it('accepts only the two APIs', () => {
    expect(parse({ api: 'mde' }).success).toBe(true);
    expect(parse({ api: 'MDE' }).success).toBe(false);
    expect(parse({ api: 'sentinel' }).success).toBe(false);
  });

  it('takes ISO 8601 timespans for Graph and treats a blank one as not set', () => {
    for (const timespan of ['P7D', 'PT12H', 'P1DT6H', '2026-01-01/2026-01-08', '2026-01-01T00:00:00Z/P2D', 'P1D/2026-01-08', '2026-01-01']) {
      expect(parse({ timespan }).success, timespan).toBe(true);
    }
    expect(parse({ timespan: '  ' })).toMatchObject({ success: true, data: { timespan: undefined } });
    for (const timespan of ['7d', 'P', 'PT', 'last week', 'P7D/']) {
      expect(messages({ timespan }), timespan).toEqual(['timespan: Must be an ISO 8601 duration or interval, e.g. P7D or 2026-01-01/2026-01-08']);
    }
  });

  it('refuses a timespan with the MDE API, which does not take one', () => {
    expect(messages({ api: 'mde', timespan: 'P1D' })).toEqual(['timespan: Timespan works with the Graph API only; with mde, filter on Timestamp in the query']);
    expect(parse({ api: 'mde', timespan: '' }).success).toBe(true);
  });

  it('uses the KQL widget for the query', () => {
    expect(def.params.shape.query.meta()).toMatchObject({ title: 'Query', widget: 'kql' });
  });
});
