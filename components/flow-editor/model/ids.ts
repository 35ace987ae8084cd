// Readable, unique node ids. Ids are what tokens refer to (`{{ get_alert.severity }}`), so
// they are slugs of the step title, never random strings.
import { NODE_ID_PATTERN, TRIGGER_NODE_ID } from '@/core/flow/schema';

const MAX_ID = 63;
/** Ids a token could never reach or that belong to the trigger alone. */
const RESERVED = new Set([TRIGGER_NODE_ID, 'constructor', 'prototype']);

/** "Send an email" → "send_an_email"; falls back to "step" when nothing usable is left. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[0-9_]+/, '');
  const clipped = slug.slice(0, MAX_ID - 4).replace(/_+$/, '');
  return clipped === '' ? 'step' : clipped;
}

/** Drops a trailing `_<n>` so copies of `get_alert_2` become `get_alert_3`, not `get_alert_2_2`. */
function stem(id: string): string {
  return id.replace(/_\d+$/, '') || id;
}

/**
 * The first free id from `base`: `base`, `base_2`, `base_3`… `taken` is updated so a batch of
 * calls (a paste of many nodes) never hands out the same id twice.
 */
export function uniqueId(base: string, taken: Set<string>): string {
  const root = NODE_ID_PATTERN.test(base) ? stem(base) : slugify(base);
  let candidate = root;
  for (let n = 2; taken.has(candidate) || RESERVED.has(candidate); n++) candidate = `${root}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** Edge ids only need to be unique; keep them short and stable-looking. */
export function uniqueEdgeId(taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`e${n}`)) n++;
  const id = `e${n}`;
  taken.add(id);
  return id;
}
