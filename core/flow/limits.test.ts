import { describe, expect, it } from 'vitest';
import { FLOW_LIMITS, paramLimitIssues } from './limits';
import { ZDraftGraph, ZFlowName } from './schema';

const node = (id: string, params: Record<string, unknown> = {}) => ({ id, type: 'email.send', params });
const graph = (nodes: unknown[], edges: unknown[] = []) => ({ schemaVersion: 1, nodes, edges });

function messages(input: unknown): string[] {
  const parsed = ZDraftGraph.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('flow size limits in the draft schema', () => {
  it('accepts a flow at every limit', () => {
    const nodes = Array.from({ length: FLOW_LIMITS.maxNodes }, (_, i) => node(`n${i}`));
    nodes[0] = node('n0', { body: 'x'.repeat(FLOW_LIMITS.maxParamStringLength), subject: `{{ ${'a'.repeat(FLOW_LIMITS.maxTokenExpressionLength - 2)} }}` });
    const edges = Array.from({ length: FLOW_LIMITS.maxEdges }, (_, i) => ({ id: `e${i}`, source: 'n0', target: 'n1' }));
    expect(messages(graph(nodes, edges))).toEqual([]);
  });

  it('refuses too many steps or connections with a message saying the limit', () => {
    const nodes = Array.from({ length: FLOW_LIMITS.maxNodes + 1 }, (_, i) => node(`n${i}`));
    expect(messages(graph(nodes))).toEqual(['nodes: A flow may have at most 1,000 steps']);
    const edges = Array.from({ length: FLOW_LIMITS.maxEdges + 1 }, (_, i) => ({ id: `e${i}`, source: 'a', target: 'b' }));
    expect(messages(graph([node('a')], edges))).toEqual(['edges: A flow may have at most 3,000 connections']);
  });

  it('refuses an overlong param string at its path, however deep', () => {
    const long = 'x'.repeat(FLOW_LIMITS.maxParamStringLength + 1);
    expect(messages(graph([node('mail', { body: long })]))).toEqual([
      'nodes.0.params.body: Text is 20,001 characters long; the most a step setting may hold is 20,000',
    ]);
    expect(messages(graph([node('cond', { rules: [{ left: 'a', right: long }] })]))[0]).toMatch(/^nodes\.0\.params\.rules\.0\.right: Text is 20,001/);
  });

  it('refuses an overlong token expression', () => {
    const token = `Alert {{ trigger.${'a'.repeat(FLOW_LIMITS.maxTokenExpressionLength)} }}`;
    expect(messages(graph([node('mail', { subject: token })]))).toEqual(['nodes.0.params.subject: A token {{ … }} is 510 characters long; the most is 500']);
  });

  it('refuses deep nesting, huge lists and long keys in params', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < FLOW_LIMITS.maxParamDepth + 1; i++) deep = { g: deep };
    expect(paramLimitIssues(deep)[0]?.message).toBe('Settings nest more than 20 levels deep');
    expect(paramLimitIssues({ rows: Array.from({ length: 1001 }, () => 1) })).toEqual([{ path: ['rows'], message: 'A list or group holds 1,001 values; the most is 1,000' }]);
    expect(paramLimitIssues({ ['k'.repeat(201)]: 1 })[0]?.message).toMatch(/setting name is 201 characters/);
  });

  it('reports at most ten param problems, not one per value', () => {
    const params = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, 'x'.repeat(FLOW_LIMITS.maxParamStringLength + 1)]));
    expect(paramLimitIssues(params)).toHaveLength(10);
  });

  it('limits step names, types, notes and edge fields', () => {
    const msgs = messages(
      graph(
        [{ id: 'a', type: 't'.repeat(101), label: 'l'.repeat(201), notes: 'n'.repeat(5001) }],
        [{ id: 'e'.repeat(201), source: 's'.repeat(101), target: 'a', sourceHandle: 'h'.repeat(1001) }],
      ),
    );
    expect(msgs).toEqual([
      'nodes.0.type: The step type is longer than 100 characters',
      'nodes.0.label: The step name is longer than 200 characters',
      'nodes.0.notes: The note is longer than 5,000 characters',
      'edges.0.id: A connection id is longer than 200 characters',
      'edges.0.source: A connection source is longer than 100 characters',
      'edges.0.sourceHandle: A connection handle is longer than 1,000 characters',
    ]);
  });

  it('limits flow names', () => {
    expect(ZFlowName.safeParse('x'.repeat(201)).error?.issues[0]?.message).toBe('The flow name is longer than 200 characters');
    expect(ZFlowName.safeParse('  ').error?.issues[0]?.message).toBe('Give the flow a name');
  });
});
