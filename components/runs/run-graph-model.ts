// What run detail draws on the pinned graph, derived from the run's StepRun rows: one status per
// node (steps in loops have a row per item), the edges the run took, and per for-each how its
// items went. Pure, so it is unit-tested; the executor's own routing rule (core handleTaken)
// decides which handle a recorded step took.
import { getNodeType } from '@/core/catalog';
import { handleTaken } from '@/core/execution/handles';
import { loopInfo, FOR_EACH_TYPE, EACH_HANDLE } from '@/core/flow/loops';
import { stepViewStatus, toNodeStatus, type NodeStatus } from './step-status';

export interface RunStepLike {
  nodeId: string;
  iteration: string;
  type: string;
  status: string;
  output: unknown;
  input?: unknown;
}

export interface RunGraphLike {
  nodes: { id: string; type: string }[];
  edges: { id: string; source: string; sourceHandle: string; target: string }[];
}

const ACTIVE_RUN = new Set(['queued', 'running']);

// Across loop items a node shows its most telling status: a failure anywhere, then work in progress.
const RANK: Record<NodeStatus, number> = { not_reached: 0, skipped: 1, succeeded: 2, stopped: 3, waiting: 4, running: 5, failed: 6 };

function byNode<S extends RunStepLike>(steps: S[]): Map<string, S[]> {
  const out = new Map<string, S[]>();
  for (const s of steps) {
    const list = out.get(s.nodeId);
    if (list === undefined) out.set(s.nodeId, [s]);
    else list.push(s);
  }
  return out;
}

const kindOf = (type: string) => getNodeType(type)?.kind ?? 'action';

/** Handles each node took (any item), from its recorded rows. */
function takenHandles(rows: Map<string, RunStepLike[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [nodeId, list] of rows) {
    const handles = new Set<string>();
    for (const s of list) {
      const h = handleTaken(s, kindOf(s.type));
      if (h !== undefined) handles.add(h);
    }
    out.set(nodeId, handles);
  }
  return out;
}

/** A for-each's `each` handle was taken once any body step recorded something other than skipped. */
function loopsWithItems(graph: RunGraphLike, rows: Map<string, RunStepLike[]>): Set<string> {
  const out = new Set<string>();
  for (const [loopId, body] of loopInfo(graph).bodies) {
    for (const id of body) if ((rows.get(id) ?? []).some((s) => s.status !== 'skipped')) out.add(loopId);
  }
  return out;
}

export interface RunGraphState {
  status: Record<string, NodeStatus>;
  /** Ids of the edges the run took. */
  taken: Set<string>;
}

/**
 * Node statuses and taken edges. While the run is active, a node with no row yet whose incoming
 * edge was taken is the one executing now (the worker records a step when it finishes).
 */
export function runGraphState(graph: RunGraphLike, steps: RunStepLike[], runStatus: string): RunGraphState {
  const rows = byNode(steps);
  const handles = takenHandles(rows);
  const withItems = loopsWithItems(graph, rows);
  const isTaken = (e: RunGraphLike['edges'][number]) =>
    e.sourceHandle === EACH_HANDLE && graph.nodes.find((n) => n.id === e.source)?.type === FOR_EACH_TYPE
      ? withItems.has(e.source)
      : handles.get(e.source)?.has(e.sourceHandle) === true;
  const taken = new Set(graph.edges.filter(isTaken).map((e) => e.id));

  const status: Record<string, NodeStatus> = {};
  for (const n of graph.nodes) {
    let best: NodeStatus = 'not_reached';
    for (const s of rows.get(n.id) ?? []) {
      const st = toNodeStatus(stepViewStatus(s.status, runStatus));
      if (RANK[st] > RANK[best]) best = st;
    }
    status[n.id] = best;
  }
  if (ACTIVE_RUN.has(runStatus)) {
    for (const n of graph.nodes) {
      if (status[n.id] !== 'not_reached') continue;
      if (graph.edges.some((e) => e.target === n.id && taken.has(e.id))) status[n.id] = 'running';
    }
    // A loop still going has no row of its own yet, but its items do.
    for (const loopId of withItems) if (status[loopId] === 'not_reached') status[loopId] = 'running';
  }
  return { status, taken };
}

export interface LoopCount {
  /** Items the loop had, when known (its row records it once the loop ends). */
  total: number | null;
  succeeded: number;
  failed: number;
  /** Items that ran no step (an item's path was not taken). */
  skipped: number;
}

function itemCountOf(step: RunStepLike): number | null {
  const fromOutput = step.output !== null && typeof step.output === 'object' ? (step.output as { count?: unknown }).count : undefined;
  if (typeof fromOutput === 'number') return fromOutput;
  // A loop that failed records no output; its input keeps the list's size ({ items: { count } }).
  const items = step.input !== null && typeof step.input === 'object' ? (step.input as { items?: unknown }).items : undefined;
  const fromInput = items !== null && typeof items === 'object' ? (items as { count?: unknown }).count : undefined;
  return typeof fromInput === 'number' ? fromInput : null;
}

/** Per for-each: how many items succeeded or failed (nested loops: summed over their outer items). */
export function loopCounts(graph: RunGraphLike, steps: RunStepLike[]): Record<string, LoopCount> {
  const info = loopInfo(graph);
  const rows = byNode(steps);
  const out: Record<string, LoopCount> = {};
  for (const [loopId, body] of info.bodies) {
    const depth = (info.enclosing.get(loopId) ?? []).length;
    // Per item (its iteration prefix): did any step fail, did any run at all.
    const items = new Map<string, { failed: boolean; ran: boolean }>();
    for (const id of body) {
      for (const s of rows.get(id) ?? []) {
        // A loop that did not run records its body as skipped at the loop's own iteration.
        const segments = s.iteration === '' ? [] : s.iteration.split('/');
        if (segments.length <= depth) continue;
        const key = segments.slice(0, depth + 1).join('/');
        const item = items.get(key) ?? { failed: false, ran: false };
        if (s.status === 'failed') item.failed = true;
        if (s.status !== 'skipped') item.ran = true;
        items.set(key, item);
      }
    }
    const loopRows = (rows.get(loopId) ?? []).filter((s) => s.status !== 'skipped' || itemCountOf(s) !== null);
    const totals = loopRows.map(itemCountOf);
    const total = totals.length > 0 && totals.every((t) => t !== null) ? totals.reduce<number>((a, t) => a + (t ?? 0), 0) : null;
    const count: LoopCount = { total, succeeded: 0, failed: 0, skipped: 0 };
    for (const item of items.values()) count[item.failed ? 'failed' : item.ran ? 'succeeded' : 'skipped'] += 1;
    out[loopId] = count;
  }
  return out;
}

/** "12/12 succeeded", "10/12 succeeded · 2 failed", "3 items done" while the loop still runs. */
export function loopCountLabel(c: LoopCount): string {
  const done = c.succeeded + c.failed + c.skipped;
  if (c.total === null) return done === 0 ? 'No items yet' : `${done} item${done === 1 ? '' : 's'} done`;
  if (c.total === 0) return 'No items';
  const parts = [`${c.succeeded}/${c.total} succeeded`];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`);
  return parts.join(' · ');
}
