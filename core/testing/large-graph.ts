// A realistic large flow for designer benchmarks: the seed flow's steps repeated as a binary
// tree of conditions with Defender and email actions on each branch, laid out left to right.
import type { TDraftGraph, TFlowEdge, TFlowNode } from '../flow/schema';

export function buildLargeGraph(nodeCount: number, ids: { defenderConnectionId: string; smtpConnectionId: string }): TDraftGraph {
  const nodes: TFlowNode[] = [
    { id: 'trigger', type: 'defender.alertCreated', label: 'When a new alert is created', position: { x: 0, y: 0 }, params: { connectionId: ids.defenderConnectionId } },
    { id: 'get_alert', type: 'defender.getAlert', label: 'Get alert', position: { x: 280, y: 0 }, params: { connectionId: ids.defenderConnectionId, alertId: '{{ trigger.id }}' } },
  ];
  const edges: TFlowEdge[] = [{ id: 'e_trigger', source: 'trigger', sourceHandle: 'out', target: 'get_alert' }];
  // Breadth-first: each frontier node gets a condition child whose branches hold actions.
  const frontier: string[] = ['get_alert'];
  let n = 0;
  const depthOf = new Map<string, number>([['get_alert', 1]]);
  const rowAt = new Map<number, number>();
  const place = (depth: number) => {
    const row = rowAt.get(depth) ?? 0;
    rowAt.set(depth, row + 1);
    return { x: depth * 280, y: row * 140 };
  };
  while (nodes.length < nodeCount && frontier.length > 0) {
    const parent = frontier.shift() as string;
    const depth = (depthOf.get(parent) ?? 1) + 1;
    const cond = `check_${++n}`;
    nodes.push({
      id: cond, type: 'control.condition', label: `Severity check ${n}`, position: place(depth),
      params: { combinator: 'and', rules: [{ left: '{{ get_alert.severity }}', operator: 'equals', right: n % 2 ? 'High' : 'Medium' }] },
    });
    edges.push({ id: `e_${parent}_${cond}`, source: parent, sourceHandle: 'out', target: cond });
    const yes = `isolate_${n}`;
    const no = `notify_${n}`;
    if (nodes.length < nodeCount) {
      nodes.push({
        id: yes, type: 'defender.isolateMachine', label: `Isolate ${n}`, position: place(depth + 1),
        params: { connectionId: ids.defenderConnectionId, machineId: '{{ get_alert.machineId }}', comment: 'Riposte {{ trigger.id }}', isolationType: 'Full' },
      });
      edges.push({ id: `e_${cond}_yes`, source: cond, sourceHandle: 'true', target: yes });
      depthOf.set(yes, depth + 1);
      frontier.push(yes);
    }
    if (nodes.length < nodeCount) {
      nodes.push({
        id: no, type: 'email.send', label: `Notify ${n}`, position: place(depth + 1),
        params: { connectionId: ids.smtpConnectionId, to: 'soc@example.com', subject: 'Alert {{ get_alert.title }}', body: 'Severity {{ get_alert.severity }}' },
      });
      edges.push({ id: `e_${cond}_no`, source: cond, sourceHandle: 'false', target: no });
      depthOf.set(no, depth + 1);
      frontier.push(no);
    }
  }
  return { schemaVersion: 1, nodes, edges };
}
