/**
 * Templates a new flow can start from. Each builds a draft graph for the connections the user
 * has; a template only appears when its node types exist in the catalog, so it always runs.
 */
import { emptyDraftGraph, type TDraftGraph } from './flow/schema';
import { buildSeedFlowGraph, SEED_FLOW_NAME } from './testing/builders';
import { buildHuntingReportGraph, HUNTING_REPORT_NAME } from './templates/hunting-report';

export interface TemplateContext {
  defenderConnectionId?: string;
  smtpConnectionId?: string;
  socEmail: string;
}

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  build(ctx: TemplateContext): TDraftGraph;
}

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  {
    id: 'blank',
    name: 'Blank flow',
    description: 'Start with just the "new alert" trigger and add the steps you need.',
    build: (ctx) => {
      const graph = emptyDraftGraph('defender.alertCreated');
      const trigger = graph.nodes[0];
      if (trigger) {
        trigger.label = 'When a new alert is created';
        if (ctx.defenderConnectionId) trigger.params = { connectionId: ctx.defenderConnectionId };
      }
      return graph;
    },
  },
  {
    id: 'isolate-high',
    name: SEED_FLOW_NAME,
    description: 'Get the alert, and when its severity is High isolate the device and email the SOC.',
    build: (ctx) =>
      buildSeedFlowGraph({ defenderConnectionId: ctx.defenderConnectionId ?? '', smtpConnectionId: ctx.smtpConnectionId ?? '', socEmail: ctx.socEmail }),
  },
  {
    id: 'hunting-report',
    name: HUNTING_REPORT_NAME,
    description: 'Every morning, run an advanced hunting query and email the SOC the rows it found (nothing is sent when it finds none).',
    build: (ctx) => buildHuntingReportGraph(ctx),
  },
];

export function getTemplate(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((t) => t.id === id);
}
