// Run detail groups per-item steps under their for-each: the loop's row, then one group per item
// ("Item 2") holding that item's steps, nested loops inside. Pure, so it is unit-tested.
import { innermostLoop, loopInfo } from '@/core/flow/loops';

export interface GroupableStep {
  nodeId: string;
  iteration: string;
  status: string;
  seq: number;
}

export interface StepTree<S extends GroupableStep> {
  step: S;
  /** For a for-each: its items in index order. */
  items?: { index: number; iteration: string; status: 'succeeded' | 'failed' | 'skipped'; steps: StepTree<S>[] }[];
  /** For a for-each that did not run: its body's skipped rows. */
  skippedBody?: StepTree<S>[];
}

interface GraphShape {
  nodes: { id: string; type: string }[];
  edges: { id: string; source: string; sourceHandle: string; target: string }[];
}

const childIteration = (parent: string, index: number) => (parent === '' ? String(index) : `${parent}/${index}`);

export function groupSteps<S extends GroupableStep>(steps: S[], graph: GraphShape | null): StepTree<S>[] {
  const info = loopInfo(graph ?? { nodes: [], edges: [] });
  const owner = (nodeId: string) => innermostLoop(info, nodeId);
  // Rows by (owning loop, iteration), in seq order.
  const scopes = new Map<string, S[]>();
  for (const s of [...steps].sort((a, b) => a.seq - b.seq)) {
    const key = `${owner(s.nodeId) ?? ''}\u0000${s.iteration}`;
    const list = scopes.get(key);
    if (list === undefined) scopes.set(key, [s]);
    else list.push(s);
  }
  const build = (loopId: string | undefined, iteration: string): StepTree<S>[] =>
    (scopes.get(`${loopId ?? ''}\u0000${iteration}`) ?? []).map((step) => {
      if (!info.bodies.has(step.nodeId)) return { step };
      const items: NonNullable<StepTree<S>['items']> = [];
      const prefix = iteration === '' ? '' : `${iteration}/`;
      const indices = new Set<number>();
      for (const key of scopes.keys()) {
        const [scopeLoop, scopeIteration = ''] = key.split('\u0000');
        if (scopeLoop !== step.nodeId || !scopeIteration.startsWith(prefix)) continue;
        const rest = scopeIteration.slice(prefix.length);
        if (/^\d+$/.test(rest)) indices.add(Number(rest));
      }
      for (const index of [...indices].sort((a, b) => a - b)) {
        const it = childIteration(iteration, index);
        const children = build(step.nodeId, it);
        const failed = children.some(anyFailed);
        const ran = children.some((c) => c.step.status !== 'skipped');
        items.push({ index, iteration: it, status: failed ? 'failed' : ran ? 'succeeded' : 'skipped', steps: children });
      }
      const skippedBody = build(step.nodeId, iteration);
      return { step, items, ...(skippedBody.length > 0 ? { skippedBody } : {}) };
    });
  return build(undefined, '');
}

function anyFailed<S extends GroupableStep>(t: StepTree<S>): boolean {
  return t.step.status === 'failed' || (t.items ?? []).some((i) => i.status === 'failed');
}
