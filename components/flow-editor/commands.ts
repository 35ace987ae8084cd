// Editor commands shared by the canvas, palette, menus and keyboard: each turns a user intent
// into a pure graph edit (model/*), applies it through the store and explains refusals.
import type { StoreApi } from 'zustand/vanilla';
import { copyFragment, pasteFragment, serializeFragment } from './model/clipboard';
import { canConnect } from './model/connect-rules';
import * as ops from './model/edit-ops';
import { COLUMN } from './model/geometry';
import { importInto, parseImport } from './model/import-export';
import { tidyUp } from './model/tidy';
import { isEditable, type EditorStore } from './store';

type Api = StoreApi<EditorStore>;

function editable(api: Api): boolean {
  return isEditable(api.getState());
}

function select(api: Api, nodes: string[], edges: string[] = []): void {
  api.getState().actions.setSelection(nodes, edges);
}

/** Selects a step just created and makes sure it is on screen (the inspector may cover it). */
function selectNew(api: Api, nodeId: string): void {
  api.getState().actions.focusNode(nodeId, 'reveal');
}

export function addNodeAt(api: Api, type: string, position: ops.Position): void {
  if (!editable(api)) return;
  const { graph, actions } = api.getState();
  const r = ops.addNode(graph, type, position);
  if (!r.ok) return actions.toast('error', r.reason);
  actions.apply(r.graph);
  selectNew(api, r.nodeId);
}

/** Keyboard/click add from the palette: to the right of the selection, else of the rightmost step. */
export function addNodeNearSelection(api: Api, type: string): void {
  const { graph, selectedNodes } = api.getState();
  const anchorIds = new Set(selectedNodes);
  const anchors = graph.nodes.filter((n) => anchorIds.size === 0 || anchorIds.has(n.id));
  const right = anchors.reduce((best, n) => (best === null || n.position.x > best.position.x ? n : best), anchors[0] ?? null);
  const position = right ? { x: right.position.x + COLUMN, y: right.position.y } : { x: 0, y: 0 };
  // With exactly one selected step, connect the new one after it (the common "next step" case).
  if (selectedNodes.length === 1 && right !== null) {
    const r = ops.insertAfter(graph, right.id, 'out', type);
    if (r.ok && editable(api)) {
      api.getState().actions.apply(r.graph);
      selectNew(api, r.nodeId);
      return;
    }
  }
  addNodeAt(api, type, position);
}

export function insertAt(api: Api, type: string): void {
  const { menu, graph, actions } = api.getState();
  if (menu === null || !editable(api)) return;
  const r = menu.kind === 'edge' ? ops.insertOnEdge(graph, menu.edgeId, type) : ops.insertAfter(graph, menu.nodeId, menu.handle, type);
  actions.openMenu(null);
  if (!r.ok) return actions.toast('error', r.reason);
  actions.apply(r.graph);
  selectNew(api, r.nodeId);
}

export function connect(api: Api, req: { source: string; sourceHandle: string | null | undefined; target: string }): void {
  if (!editable(api)) return;
  const { graph, actions } = api.getState();
  const check = canConnect(graph, req);
  if (!check.ok) return actions.toast('error', check.reason);
  actions.apply(ops.addEdge(graph, req.source, req.sourceHandle ?? 'out', req.target));
}

export function removeEdge(api: Api, edgeId: string): void {
  if (!editable(api)) return;
  const { graph, actions } = api.getState();
  actions.apply(ops.removeElements(graph, [], [edgeId]).graph);
}

export function deleteSelection(api: Api): void {
  if (!editable(api)) return;
  const { graph, selectedNodes, selectedEdges, actions } = api.getState();
  if (selectedNodes.length === 0 && selectedEdges.length === 0) return;
  const { graph: next, keptTrigger } = ops.removeElements(graph, selectedNodes, selectedEdges);
  if (keptTrigger) actions.toast('info', 'The trigger stays: every flow starts from one. Change its settings instead.');
  actions.apply(next);
}

export function moveNodes(api: Api, positions: ReadonlyMap<string, ops.Position>): void {
  if (!editable(api)) return;
  const { graph, actions } = api.getState();
  actions.apply(ops.moveNodes(graph, positions));
}

export function updateNode(api: Api, id: string, patch: ops.NodePatch, group?: string): void {
  const { graph, actions } = api.getState();
  actions.apply(ops.updateNode(graph, id, patch), group === undefined ? undefined : `${id}:${group}`);
}

export function tidy(api: Api): void {
  if (!editable(api)) return;
  const { graph, actions } = api.getState();
  actions.apply(tidyUp(graph));
  actions.requestFit();
}

export function selectAll(api: Api): void {
  const { graph } = api.getState();
  select(
    api,
    graph.nodes.map((n) => n.id),
    graph.edges.map((e) => e.id),
  );
}

/** The selection as clipboard text (also kept in memory), or null when nothing is selected. */
export function copySelection(api: Api): string | null {
  const { graph, selectedNodes, actions } = api.getState();
  const fragment = copyFragment(graph, selectedNodes);
  if (fragment === null) return null;
  const text = serializeFragment(fragment);
  actions.setClipboard(text);
  return text;
}

export function cutSelection(api: Api): string | null {
  const text = copySelection(api);
  if (text !== null) deleteSelection(api);
  return text;
}

/** Pastes clipboard text (or the in-memory copy when the system clipboard gave nothing). */
export function paste(api: Api, text: string | null, offset = { x: 40, y: 40 }): void {
  if (!editable(api)) return;
  const { graph, clipboard, actions } = api.getState();
  const payload = text !== null && text.trim() !== '' ? text : clipboard;
  if (payload === null) return actions.toast('info', 'Nothing to paste: copy some steps first (Ctrl+C).');
  const r = pasteFragment(graph, payload, { offset });
  if (!r.ok) return actions.toast('error', r.reason);
  actions.apply(r.graph);
  select(api, r.newNodeIds, r.newEdgeIds);
  if (r.skippedTrigger) actions.toast('info', 'The copied trigger was left out: this flow already has one.');
  // Pasting the same text again lands further along instead of on top of the last paste.
  actions.setClipboard(payload);
}

export function duplicateSelection(api: Api): void {
  const text = copySelection(api);
  if (text === null) return;
  paste(api, text, { x: 40, y: 60 });
}

export function importText(api: Api, text: string): boolean {
  const { graph, actions } = api.getState();
  if (!editable(api)) return false;
  const parsed = parseImport(text);
  if (!parsed.ok) {
    actions.toast('error', `Import failed: ${parsed.problems.join(' · ')}`);
    return false;
  }
  const r = importInto(graph, parsed.flow.graph);
  if (!r.ok) {
    actions.toast('error', `Import failed: ${r.problems.join(' · ')}`);
    return false;
  }
  actions.apply(r.graph);
  if (r.replaced && parsed.flow.name) actions.setMeta({ name: parsed.flow.name, description: parsed.flow.description ?? '' });
  select(api, r.replaced ? [] : r.newNodeIds);
  actions.requestFit();
  actions.toast('success', r.replaced ? 'Flow imported.' : `Imported ${r.newNodeIds.length} steps next to the existing ones${r.skippedTrigger ? ' (their trigger was left out)' : ''}.`);
  return true;
}
