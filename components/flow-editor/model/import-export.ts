// Export/import in the REST API's format: `{ name, description, graph }`. Import validates with
// core's draft schema and lists every problem, then merges through the paste path so ids are
// remapped on conflict (or replaces a canvas that holds nothing but the trigger).
import { z } from 'zod';
import { ZDraftGraph, type TDraftGraph } from '@/core/flow/schema';
import { pasteFragment } from './clipboard';
import { hasTrigger } from './edit-ops';
import { ROW } from './geometry';

export interface ExportedFlow {
  name: string;
  description: string;
  graph: TDraftGraph;
}

const ZExportedFlow = z.object({
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  graph: ZDraftGraph,
});

export function exportFlow(flow: ExportedFlow): string {
  return JSON.stringify({ name: flow.name, description: flow.description, graph: flow.graph }, null, 2);
}

/** "riposte-isolate-device-on-high.json" */
export function exportFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `riposte-${slug || 'flow'}.json`;
}

export type ParsedImport = { ok: true; flow: { name?: string; description?: string; graph: TDraftGraph } } | { ok: false; problems: string[] };

/** Accepts the export format or a bare graph; every schema problem becomes one readable line. */
export function parseImport(text: string): ParsedImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`The file is not valid JSON (${e instanceof Error ? e.message : 'parse error'}).`] };
  }
  const wrapped = typeof value === 'object' && value !== null && 'graph' in value ? value : { graph: value };
  const parsed = ZExportedFlow.safeParse(wrapped);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'file'}: ${issue.message}`),
    };
  }
  return { ok: true, flow: parsed.data };
}

/** True for a canvas with nothing worth keeping: only the trigger, unconfigured or not. */
export function isBlank(graph: TDraftGraph): boolean {
  return graph.edges.length === 0 && graph.nodes.length <= 1 && (graph.nodes.length === 0 || hasTrigger(graph));
}

export type ImportResult = { ok: true; graph: TDraftGraph; replaced: boolean; newNodeIds: string[]; skippedTrigger: boolean } | { ok: false; problems: string[] };

export function importInto(current: TDraftGraph, imported: TDraftGraph): ImportResult {
  if (isBlank(current)) return { ok: true, graph: imported, replaced: true, newNodeIds: imported.nodes.map((n) => n.id), skippedTrigger: false };
  // Below everything already on the canvas, left-aligned with it.
  const bottom = Math.max(...current.nodes.map((n) => n.position.y), 0) + ROW * 1.5;
  const top = Math.min(...imported.nodes.map((n) => n.position.y), 0);
  const left = Math.min(...current.nodes.map((n) => n.position.x), 0) - Math.min(...imported.nodes.map((n) => n.position.x), 0);
  const result = pasteFragment(current, { riposte: 'flow-fragment', version: 1, nodes: imported.nodes, edges: imported.edges }, { offset: { x: left, y: bottom - top } });
  if (!result.ok) return { ok: false, problems: [result.reason] };
  return { ok: true, graph: result.graph, replaced: false, newNodeIds: result.newNodeIds, skippedTrigger: result.skippedTrigger };
}
