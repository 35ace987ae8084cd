import { describe, it, expect } from 'vitest';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildEdge, buildGraph, buildNode, buildSeedFlow } from '../testing/builders';
import { checkFlow, type FlowIssue } from './check';
import type { TDraftGraph, TFlowNode } from './schema';

function codes(graph: unknown): string[] {
  return checkFlow(graph).issues.filter((i) => i.severity === 'error').map((i) => i.code);
}

function errorsOf(graph: unknown): FlowIssue[] {
  return checkFlow(graph).issues.filter((i) => i.severity === 'error');
}

/** The seed flow with one node's params changed. */
function withParams(nodeId: string, params: Record<string, unknown>): TDraftGraph {
  const graph = buildSeedFlow();
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, ...params } } : n)) };
}

function withCondition(rules: unknown[], combinator = 'and'): TDraftGraph {
  const graph = buildSeedFlow();
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === 'is_high' ? { ...n, params: { combinator, rules } } : n)) };
}

const trigger = (): TFlowNode => buildNode('trigger', 'defender.alertCreated', { connectionId: DEF });
const getAlert = (id = 'get_alert'): TFlowNode => buildNode(id, 'defender.getAlert', { connectionId: DEF, alertId: '{{ trigger.id }}' });

describe('checkFlow', () => {
  it('accepts the canonical seed flow without issues', () => {
    const result = checkFlow(buildSeedFlow());
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.graph.nodes).toHaveLength(5);
  });

  it('reports a non-graph as InvalidGraph with a path', () => {
    const result = checkFlow({ schemaVersion: 1, nodes: [{ id: 'Bad', type: 'x' }], edges: [] });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'InvalidGraph', path: ['nodes', 0, 'id'] });
  });

  it('refuses a flow that is only a trigger', () => {
    expect(codes(buildGraph([trigger()], []))).toEqual(['NoSteps']);
    expect(codes(buildGraph([trigger(), getAlert()], [buildEdge('trigger', 'get_alert')]))).toEqual([]);
  });

  it('rejects unknown node types', () => {
    const graph = buildSeedFlow();
    graph.nodes.push(buildNode('weird', 'defender.doMagic'));
    graph.edges.push(buildEdge('get_alert', 'weird'));
    expect(errorsOf(graph)).toEqual([expect.objectContaining({ code: 'UnknownNodeType', nodeId: 'weird' })]);
  });

  it('requires exactly one trigger with the id "trigger"', () => {
    expect(codes(buildGraph([getAlert()], []))).toContain('MissingTrigger');
    const renamed = buildGraph([{ ...trigger(), id: 'start' }, getAlert()], [buildEdge('start', 'get_alert')]);
    expect(codes(renamed)).toContain('TriggerId');
    const two = buildGraph([trigger(), { ...trigger(), id: 'trigger2' }], [buildEdge('trigger', 'trigger2')]);
    expect(codes(two)).toEqual(expect.arrayContaining(['MultipleTriggers', 'EdgeIntoTrigger']));
    const impostor = buildGraph([{ ...getAlert(), id: 'trigger' }], []);
    expect(codes(impostor)).toEqual(expect.arrayContaining(['MissingTrigger', 'TriggerId']));
  });

  it('rejects duplicate node and edge ids', () => {
    const graph = buildGraph([trigger(), getAlert(), getAlert()], [buildEdge('trigger', 'get_alert', 'out', 'e1'), buildEdge('trigger', 'get_alert', 'out', 'e1')]);
    const found = checkFlow(graph).issues;
    expect(found.map((i) => i.code)).toEqual(expect.arrayContaining(['DuplicateNodeId', 'DuplicateEdgeId', 'DuplicateEdge']));
    expect(found.find((i) => i.code === 'DuplicateEdge')?.severity).toBe('warning');
  });

  it('rejects edges into the trigger, dangling edges and invalid handles', () => {
    const graph = buildSeedFlow();
    graph.edges.push(buildEdge('get_alert', 'trigger', 'out', 'back'));
    graph.edges.push(buildEdge('get_alert', 'nowhere', 'out', 'dangle'));
    graph.edges.push(buildEdge('get_alert', 'is_high', 'true', 'badhandle'));
    graph.edges.push(buildEdge('is_high', 'notify_soc', 'error', 'noerror'));
    const issues = errorsOf(graph);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'EdgeIntoTrigger', edgeId: 'back' }),
        expect.objectContaining({ code: 'DanglingEdge', edgeId: 'dangle' }),
        expect.objectContaining({ code: 'InvalidHandle', edgeId: 'badhandle', nodeId: 'get_alert' }),
        expect.objectContaining({ code: 'InvalidHandle', edgeId: 'noerror', nodeId: 'is_high' }),
        expect.objectContaining({ code: 'Cycle' }),
      ]),
    );
  });

  it('accepts an error handle on actions', () => {
    const graph = buildSeedFlow();
    graph.edges.push(buildEdge('isolate', 'notify_soc', 'error', 'on_error'));
    expect(checkFlow(graph).ok).toBe(true);
  });

  it('rejects cycles and names the loop', () => {
    const graph = buildGraph(
      [trigger(), getAlert('a'), getAlert('b')],
      [buildEdge('trigger', 'a'), buildEdge('a', 'b'), buildEdge('b', 'a')],
    );
    const cycle = errorsOf(graph).find((i) => i.code === 'Cycle');
    expect(cycle?.message).toContain('"a" → "b" → "a"');
  });

  it('rejects nodes not reachable from the trigger', () => {
    const graph = buildSeedFlow();
    graph.nodes.push(getAlert('orphan'));
    expect(errorsOf(graph)).toEqual([expect.objectContaining({ code: 'Unreachable', nodeId: 'orphan' })]);
  });

  it('requires required params and points at them', () => {
    const issues = errorsOf(withParams('isolate', { comment: '  ', machineId: undefined }));
    expect(issues.map((i) => [i.code, i.nodeId, i.path])).toEqual([
      ['MissingParam', 'isolate', ['machineId']],
      ['MissingParam', 'isolate', ['comment']],
    ]);
    expect(issues[0].message).toBe('"Isolate machine" needs "Machine ID".');
    expect(codes(withParams('notify_soc', { to: [] }))).toEqual(['MissingParam']);
    expect(codes(withParams('trigger', { connectionId: '' }))).toEqual(['MissingParam']);
  });

  it('validates literal values against the param schema', () => {
    expect(errorsOf(withParams('isolate', { isolationType: 'Partial' }))).toEqual([
      expect.objectContaining({ code: 'InvalidParam', nodeId: 'isolate', path: ['isolationType'] }),
    ]);
    expect(errorsOf(withParams('notify_soc', { to: 'soc@x.com; nope' }))).toEqual([
      expect.objectContaining({ code: 'InvalidParam', path: ['to', 1] }),
    ]);
    expect(codes(withParams('get_alert', { connectionId: 'abc' }))).toEqual(['InvalidParam']);
  });

  it('accepts token values whatever their type, since they are checked at run time', () => {
    const result = checkFlow(
      withParams('isolate', { isolationType: '{{ get_alert.category }}', connectionId: '{{ trigger.aadTenantId }}' }),
    );
    expect(result.ok).toBe(true);
    expect(checkFlow(withParams('notify_soc', { to: '{{ get_alert.assignedTo }}; soc@x.com' })).ok).toBe(true);
  });

  it('requires tokens to refer to the trigger or an upstream node', () => {
    const later = errorsOf(withParams('get_alert', { alertId: '{{ isolate.id }}' }));
    expect(later).toEqual([expect.objectContaining({ code: 'TokenNotUpstream', nodeId: 'get_alert', path: ['alertId'] })]);
    expect(later[0].message).toContain('{{ isolate.id }}');
    expect(codes(withParams('isolate', { comment: 'see {{ nobody.x }}' }))).toEqual(['UnknownTokenNode']);
    expect(codes(withParams('isolate', { comment: '{{ trigger.__proto__ }}' }))).toEqual(['InvalidToken']);
    expect(codes(withParams('isolate', { comment: '{{ isolate.id }}' }))).toEqual(['TokenNotUpstream']);
  });

  it('rejects tokens to a sibling branch', () => {
    const graph = buildSeedFlow();
    graph.nodes.push(buildNode('low_mail', 'email.send', { connectionId: SMTP, to: 'a@b.co', subject: '{{ isolate.status }}', body: 'b' }));
    graph.edges.push(buildEdge('is_high', 'low_mail', 'false'));
    expect(errorsOf(graph)).toEqual([expect.objectContaining({ code: 'TokenNotUpstream', nodeId: 'low_mail', path: ['subject'] })]);
  });

  it('warns about token fields the catalog does not declare', () => {
    const result = checkFlow(withParams('isolate', { comment: '{{ get_alert.severty }} {{ trigger.evidence[0].sha1 }}' }));
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'UnknownTokenField', path: ['comment'] })]);
  });

  it('checks condition operators and operands', () => {
    expect(codes(withCondition([{ left: 'a', operator: 'matches', right: 'b' }]))).toEqual(['UnknownOperator']);
    expect(codes(withCondition([{ left: 'a', operator: 'equals' }]))).toEqual(['MissingOperand']);
    expect(codes(withCondition([{ left: 'a', operator: 'isEmpty' }]))).toEqual([]);
    expect(codes(withCondition([{ left: 'a', operator: 'in', right: 5 }]))).toEqual(['InvalidOperand']);
    expect(codes(withCondition([{ left: 'a', operator: 'in', right: '{{ get_alert.relatedUser }}' }]))).toEqual(['InvalidOperand']);
    expect(codes(withCondition([{ left: 'a', operator: 'in', right: ['a', 'b'] }]))).toEqual([]);
    expect(codes(withCondition([{ left: 'a', operator: 'in', right: '{{ get_alert.mitreTechniques }}' }]))).toEqual([]);
    expect(codes(withCondition([{ left: 'x', operator: 'equals', right: 'x' }], 'xor'))).toEqual(['InvalidCondition']);
  });

  it('rejects ordering operators on boolean, object and array tokens', () => {
    const numericOnObject = errorsOf(withCondition([{ left: '{{ get_alert.relatedUser }}', operator: 'greater', right: 1 }]));
    expect(numericOnObject).toEqual([expect.objectContaining({ code: 'InvalidOperand', path: ['rules', 0, 'left'] })]);
    expect(numericOnObject[0].message).toContain('{{ get_alert.relatedUser }} (an object)');
    expect(codes(withCondition([{ left: 1, operator: 'less', right: '{{ get_alert.evidence }}' }]))).toEqual(['InvalidOperand']);
    expect(codes(withCondition([{ left: '{{ get_alert.incidentId }}', operator: 'greaterOrEquals', right: '100' }]))).toEqual([]);
    expect(codes(withCondition([{ left: '{{ get_alert.alertCreationTime }}', operator: 'less', right: '2026-01-01' }]))).toEqual([]);
  });

  it('checks nested groups with their path', () => {
    const issues = errorsOf(
      withCondition([{ left: 'a', operator: 'equals', right: 'a' }, { combinator: 'or', rules: [{ left: 'a', operator: 'nope' }] }]),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'UnknownOperator', path: ['rules', 1, 'rules', 0, 'operator'] })]);
  });

  it('warns about an empty condition', () => {
    const result = checkFlow(withCondition([]));
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'EmptyCondition', severity: 'warning' })]);
  });

  it('checks the trigger filter as a condition on the trigger data', () => {
    const ok = withParams('trigger', {
      filter: { combinator: 'and', rules: [{ left: '{{ trigger.severity }}', operator: 'in', right: 'High, Medium' }] },
    });
    expect(checkFlow(ok).issues).toEqual([]);
    const bad = withParams('trigger', {
      filter: { combinator: 'and', rules: [{ left: '{{ get_alert.severity }}', operator: 'bogus', right: 'x' }] },
    });
    expect(errorsOf(bad).map((i) => [i.code, i.path])).toEqual([
      ['UnknownOperator', ['filter', 'rules', 0, 'operator']],
      ['TokenNotUpstream', ['filter', 'rules', 0, 'left']],
    ]);
  });
});
