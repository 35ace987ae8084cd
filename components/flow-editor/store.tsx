'use client';
// One zustand store per editor instance (created in a provider with useRef: no module-level
// store under the App Router). The graph in `history.present` is the single source of truth;
// the canvas, inspector and checker are projections of it. Every edit goes through `apply`.
import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { checkFlow, type CheckContext } from '@/core/flow/check';
import { NO_ROLES } from '@/core/defender/permissions';
import { LARGE_FLOW } from './model/initial-view';
import type { FlowIssue } from '@/core/flow/issues';
import type { TDraftGraph } from '@/core/flow/schema';
import { needsLayout } from '@/components/flow-graph/layout';
import type { AutosaveState } from './model/autosave';
import { canRedo, canUndo, createHistory, push, redo, undo, type History } from './model/history';
import type { IssueCount } from './model/to-canvas';
import { tidyUp } from './model/tidy';
import type { ConnectionOption, EditorFlow } from './types';

export type ToastTone = 'info' | 'success' | 'error';
export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

/** Where the insert menu was opened: a source handle or an edge, and where on screen. */
export type InsertTarget = ({ kind: 'handle'; nodeId: string; handle: string } | { kind: 'edge'; edgeId: string }) & { x: number; y: number };

export interface ViewedVersion {
  version: number;
  graph: TDraftGraph;
}

export interface EditorState {
  flowId: string;
  history: History<TDraftGraph>;
  /** `history.present`, duplicated for cheap selectors. */
  graph: TDraftGraph;
  name: string;
  description: string;
  enabled: boolean;
  publishedVersion: number | null;
  /** Who changed the graph last: autosave only forwards user edits, not server replacements. */
  changeSource: 'load' | 'user' | 'server';
  /** Bumped on each user edit, so autosave notices name/description edits too. */
  revision: number;
  canWrite: boolean;
  selectedNodes: string[];
  selectedEdges: string[];
  issues: FlowIssue[];
  /** What the checker knows besides the graph: the connections' last tested roles. */
  checkContext: CheckContext;
  issuesByNode: Map<string, IssueCount>;
  /** True until the first check of a large flow has run (it is deferred past the first paint). */
  issuesPending: boolean;
  save: AutosaveState;
  toasts: Toast[];
  /** A published version shown read-only on the canvas instead of the draft. */
  viewing: ViewedVersion | null;
  menu: InsertTarget | null;
  /** In-memory clipboard, for when the system clipboard is unavailable. */
  clipboard: string | null;
  /** A node the canvas should frame (checker click); consumed by the canvas. */
  focusRequest: { nodeId: string; seq: number; mode: 'frame' | 'reveal' } | null;
  /** Bumped when the whole graph should be fitted into view (after tidy up, import). */
  fitRequest: number;
}

export interface EditorActions {
  /** The one way to change the graph: records an undo step (coalesced by `group`). */
  apply(next: TDraftGraph, group?: string): void;
  /** A graph from the server (reload theirs, restore): still undoable, but not autosaved. */
  replaceFromServer(next: TDraftGraph, meta?: { name?: string; description?: string }): void;
  undo(): void;
  redo(): void;
  setMeta(meta: { name?: string; description?: string }): void;
  setSelection(nodes: string[], edges: string[]): void;
  setIssues(issues: FlowIssue[]): void;
  setSave(save: AutosaveState): void;
  setFlowState(patch: { enabled?: boolean; publishedVersion?: number | null }): void;
  toast(tone: ToastTone, text: string): void;
  dismissToast(id: number): void;
  openMenu(target: InsertTarget | null): void;
  setClipboard(text: string): void;
  view(version: ViewedVersion | null): void;
  /** `frame` zooms to the node (checker click); `reveal` only pans if it is off screen (new steps). */
  focusNode(nodeId: string, mode?: 'frame' | 'reveal'): void;
  requestFit(): void;
}

export type EditorStore = EditorState & { actions: EditorActions };

/** Editing is allowed for writers while the draft (not a past version) is on the canvas. */
export function isEditable(s: Pick<EditorState, 'canWrite' | 'viewing'>): boolean {
  return s.canWrite && s.viewing === null;
}

/** The step the inspector shows: exactly one step and no connection selected. */
export function inspectedNodeId(s: Pick<EditorState, 'selectedNodes' | 'selectedEdges'>): string | null {
  return s.selectedNodes.length === 1 && s.selectedEdges.length === 0 ? (s.selectedNodes[0] as string) : null;
}

export function countIssues(issues: readonly FlowIssue[]): Map<string, IssueCount> {
  const map = new Map<string, IssueCount>();
  for (const issue of issues) {
    if (issue.nodeId === undefined) continue;
    const c = map.get(issue.nodeId) ?? { errors: 0, warnings: 0 };
    map.set(issue.nodeId, issue.severity === 'error' ? { ...c, errors: c.errors + 1 } : { ...c, warnings: c.warnings + 1 });
  }
  return map;
}

let toastSeq = 0;

export function createEditorStore(flow: EditorFlow, canWrite: boolean, now: () => number = Date.now, checkContext: CheckContext = {}): StoreApi<EditorStore> {
  // Graphs built by the API or imported elsewhere may have no positions: lay them out once.
  const initial = needsLayout(flow.graph) ? tidyUp(flow.graph) : flow.graph;
  // A large flow opens first and is checked right after (use-checker): checking 500 steps would
  // otherwise delay the first paint by ~100 ms.
  const deferCheck = initial.nodes.length > LARGE_FLOW;
  const issues = deferCheck ? [] : checkFlow(initial, checkContext).issues;
  return createStore<EditorStore>()((set, get) => ({
    flowId: flow.id,
    history: createHistory(initial),
    graph: initial,
    name: flow.name,
    description: flow.description,
    enabled: flow.enabled,
    publishedVersion: flow.publishedVersion,
    changeSource: 'load',
    revision: 0,
    canWrite,
    selectedNodes: [],
    selectedEdges: [],
    issues,
    checkContext,
    issuesByNode: countIssues(issues),
    issuesPending: deferCheck,
    save: { status: 'saved', baseVersion: flow.draftVersion, lastSavedAt: null, message: null, conflict: null },
    toasts: [],
    viewing: null,
    menu: null,
    clipboard: null,
    focusRequest: null,
    fitRequest: 0,
    actions: {
      apply(next, group) {
        const s = get();
        if (!isEditable(s) || next === s.graph) return;
        const history = push(s.history, next, { group, now: now() });
        set({ history, graph: history.present, changeSource: 'user', revision: s.revision + 1, ...pruneSelection(s, history.present) });
      },
      replaceFromServer(next, meta = {}) {
        const s = get();
        const history = push(s.history, next, { now: now() });
        set({ history, graph: next, changeSource: 'server', viewing: null, ...meta, ...pruneSelection(s, next) });
      },
      undo() {
        const s = get();
        if (!isEditable(s) || !canUndo(s.history)) return;
        const history = undo(s.history);
        set({ history, graph: history.present, changeSource: 'user', revision: s.revision + 1, ...pruneSelection(s, history.present) });
      },
      redo() {
        const s = get();
        if (!isEditable(s) || !canRedo(s.history)) return;
        const history = redo(s.history);
        set({ history, graph: history.present, changeSource: 'user', revision: s.revision + 1, ...pruneSelection(s, history.present) });
      },
      setMeta(meta) {
        const s = get();
        if (!isEditable(s)) return;
        set({ ...meta, changeSource: 'user', revision: s.revision + 1 });
      },
      setSelection(nodes, edges) {
        const s = get();
        if (sameIds(s.selectedNodes, nodes) && sameIds(s.selectedEdges, edges)) return;
        set({ selectedNodes: nodes, selectedEdges: edges });
      },
      setIssues(issues) {
        set({ issues, issuesByNode: countIssues(issues), issuesPending: false });
      },
      setSave(save) {
        set({ save });
      },
      setFlowState(patch) {
        set(patch);
      },
      toast(tone, text) {
        const id = ++toastSeq;
        // Keep the last few: a burst of refused connections should not fill the screen.
        set({ toasts: [...get().toasts.slice(-3), { id, tone, text }] });
      },
      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },
      openMenu(menu) {
        set({ menu });
      },
      setClipboard(clipboard) {
        set({ clipboard });
      },
      view(viewing) {
        set({ viewing, selectedNodes: [], selectedEdges: [], menu: null });
      },
      requestFit() {
        set({ fitRequest: get().fitRequest + 1 });
      },
      focusNode(nodeId, mode = 'frame') {
        set({ selectedNodes: [nodeId], selectedEdges: [], focusRequest: { nodeId, mode, seq: (get().focusRequest?.seq ?? 0) + 1 } });
      },
    },
  }));
}

/** Order-insensitive: React Flow reports selections in node order, commands in their own. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** Drops selected ids that no longer exist (after undo, delete, replace). */
function pruneSelection(s: EditorState, graph: TDraftGraph): Pick<EditorState, 'selectedNodes' | 'selectedEdges'> {
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  const selectedNodes = s.selectedNodes.filter((id) => nodes.has(id));
  const selectedEdges = s.selectedEdges.filter((id) => edges.has(id));
  return {
    selectedNodes: selectedNodes.length === s.selectedNodes.length ? s.selectedNodes : selectedNodes,
    selectedEdges: selectedEdges.length === s.selectedEdges.length ? s.selectedEdges : selectedEdges,
  };
}

const StoreContext = createContext<StoreApi<EditorStore> | null>(null);

export function EditorStoreProvider({ flow, canWrite, connections = [], children }: { flow: EditorFlow; canWrite: boolean; connections?: readonly ConnectionOption[]; children: ReactNode }) {
  const ref = useRef<StoreApi<EditorStore> | null>(null);
  ref.current ??= createEditorStore(flow, canWrite, Date.now, {
    connections: connections.map((c) => ({ id: c.id, name: c.name, testedAt: c.testedAt ?? null, grantedRoles: c.grantedRoles ?? NO_ROLES })),
  });
  return <StoreContext.Provider value={ref.current}>{children}</StoreContext.Provider>;
}

export function useEditorStoreApi(): StoreApi<EditorStore> {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useEditorStore must be used inside <EditorStoreProvider>');
  return store;
}

/** Select from the editor store; wrap object-returning selectors in `useShallow`. */
export function useEditorStore<T>(selector: (s: EditorStore) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

export function useEditorActions(): EditorActions {
  return useEditorStore((s) => s.actions);
}
