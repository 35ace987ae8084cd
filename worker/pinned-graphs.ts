// Flow versions are immutable, so each is checked once per process and kept (design.md §11:
// no work repeated per run that can be done once).
import { checkFlow } from '@/core/flow/check';
import type { TExecutableGraph } from '@/core/flow/schema';

export type PinnedGraph = TExecutableGraph | { invalid: string };

const graphs = new Map<string, PinnedGraph>();
const MAX_CACHED = 5000;

export function pinnedGraph(versionId: string, raw: unknown): PinnedGraph {
  let g = graphs.get(versionId);
  if (!g) {
    const checked = checkFlow(raw);
    g = checked.ok ? checked.graph : { invalid: checked.issues.filter((i) => i.severity === 'error').map((i) => i.message).join('; ') };
    if (graphs.size >= MAX_CACHED) graphs.clear();
    graphs.set(versionId, g);
  }
  return g;
}

/** The checked graph of a version already seen by this process, if any. */
export function cachedPinnedGraph(versionId: string): PinnedGraph | undefined {
  return graphs.get(versionId);
}

export function isInvalid(g: PinnedGraph): g is { invalid: string } {
  return 'invalid' in g;
}
