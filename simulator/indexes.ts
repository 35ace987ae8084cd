// Lookups that stay O(1) however many alerts and machine actions the simulator holds (the engine
// benchmark creates tens of thousands of each; a linear find per request made the simulator, not
// the engine, the bottleneck). The arrays in SimState stay the truth: routes and tests push to and
// truncate them directly, so each index catches up with what was pushed since, and starts over
// when the array no longer holds what it indexed (truncated, refilled, replaced in place).
import type { SimActionRecord, SimAlert } from './types';
import { isActive } from './machine-actions';

interface Index<T, V> {
  upTo: number;
  /** The element at upTo - 1 when indexed: another one there means the array was rebuilt. */
  last: T | undefined;
  map: Map<string, V>;
}

function indexFor<T, V>(store: WeakMap<T[], Index<T, V>>, array: T[], add: (index: Index<T, V>, item: T, position: number) => void): Index<T, V> {
  let index = store.get(array);
  if (!index || index.upTo > array.length || (index.upTo > 0 && array[index.upTo - 1] !== index.last)) {
    index = { upTo: 0, last: undefined, map: new Map() };
    store.set(array, index);
  }
  for (; index.upTo < array.length; index.upTo++) add(index, array[index.upTo] as T, index.upTo);
  index.last = index.upTo > 0 ? array[index.upTo - 1] : undefined;
  return index;
}

const alertIndexes = new WeakMap<SimAlert[], Index<SimAlert, number>>();

/** The alert with this id (the first one raised with it, as `Array.find` would return). */
export function findAlert(alerts: SimAlert[], id: string): SimAlert | undefined {
  const index = indexFor(alertIndexes, alerts, (ix, a, position) => {
    if (!ix.map.has(a.id)) ix.map.set(a.id, position);
  });
  const position = index.map.get(id);
  if (position === undefined) return undefined;
  const hit = alerts[position];
  // Replaced in place by another alert since: ask the array itself.
  return hit?.id === id ? hit : alerts.find((a) => a.id === id);
}

interface ActionsOfKey {
  list: SimActionRecord[];
  maxLatencyMs: number;
  /** Creation times never decrease along the list (always, unless a test pushes a backdated one). */
  ordered: boolean;
}
const actionIndexes = new WeakMap<SimActionRecord[], Index<SimActionRecord, ActionsOfKey>>();

/** Whether an action of this type is pending or in progress on the machine. */
export function hasActiveAction(actions: SimActionRecord[], machineId: string, type: string, nowMs: number): boolean {
  const index = indexFor(actionIndexes, actions, (ix, a) => {
    const key = `${a.machineId}|${a.type}`;
    const entry = ix.map.get(key);
    if (!entry) {
      ix.map.set(key, { list: [a], maxLatencyMs: a.latencyMs, ordered: true });
      return;
    }
    const previous = entry.list[entry.list.length - 1] as SimActionRecord;
    entry.ordered &&= a.createdAtMs >= previous.createdAtMs;
    entry.list.push(a);
    entry.maxLatencyMs = Math.max(entry.maxLatencyMs, a.latencyMs);
  });
  const entry = index.map.get(`${machineId}|${type}`);
  if (!entry) return false;
  // Newest first; in an ordered list, one created longer ago than the longest latency ends the search.
  for (let i = entry.list.length - 1; i >= 0; i--) {
    const a = entry.list[i] as SimActionRecord;
    if (isActive(a, nowMs)) return true;
    if (entry.ordered && nowMs - a.createdAtMs >= entry.maxLatencyMs) return false;
  }
  return false;
}
