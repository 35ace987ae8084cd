import { describe, it, expect } from 'vitest';
import { checkFlow } from '../flow/check';
import type { TDraftGraph, TExecutableGraph } from '../flow/schema';
import { TEST_DEFENDER_CONNECTION_ID, buildAlert, buildSeedFlow } from '../testing/builders';
import { evaluateTriggerFilter, triggerConnectionId } from './trigger';

function withFilter(filter: unknown): TExecutableGraph {
  const graph: TDraftGraph = buildSeedFlow();
  graph.nodes[0].params.filter = filter;
  const result = checkFlow(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.graph;
}

describe('trigger helpers', () => {
  it('reads the connection id', () => {
    expect(triggerConnectionId(withFilter(undefined))).toBe(TEST_DEFENDER_CONNECTION_ID);
  });

  it('matches every alert when there is no filter', () => {
    expect(evaluateTriggerFilter(withFilter(undefined), buildAlert()).result).toBe(true);
    expect(evaluateTriggerFilter(withFilter(null), buildAlert()).result).toBe(true);
  });

  it('evaluates the filter against the alert as {{ trigger.… }}', () => {
    const graph = withFilter({
      combinator: 'and',
      rules: [
        { left: '{{ trigger.severity }}', operator: 'in', right: 'High, Medium' },
        { left: '{{ trigger.computerDnsName }}', operator: 'endsWith', right: '.CONTOSO.LOCAL', ignoreCase: true },
      ],
    });
    expect(evaluateTriggerFilter(graph, buildAlert({ severity: 'Medium' })).result).toBe(true);
    const low = evaluateTriggerFilter(graph, buildAlert({ severity: 'Low' }));
    expect(low.result).toBe(false);
    expect(low.trace).toMatchObject({ rules: [{ left: 'Low', result: false }, { result: true }] });
  });
});
