// The on-disk form of a flow for Git: one pretty JSON file per flow, keys sorted so the same
// flow always serialises to the same bytes and diffs show only real changes.
import { z } from 'zod';
import { ZDraftGraph } from '@/core/flow/schema';

export const FLOW_FILE_FORMAT = 'riposte.flow/v1';

export const ZFlowFile = z.object({
  format: z.literal(FLOW_FILE_FORMAT),
  id: z.uuid(),
  name: z.string(),
  description: z.string().default(''),
  enabled: z.boolean().optional(),
  draft: z.object({ version: z.number().int().optional(), graph: ZDraftGraph }),
  /** The latest published version, for review; import never publishes. */
  published: z.object({ version: z.number().int(), graph: ZDraftGraph }).nullable().optional(),
});
export type FlowFile = z.output<typeof ZFlowFile>;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Pretty JSON with sorted keys and a trailing newline. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'flow';
}

/** File names by slug; flows whose names slug alike get their id's first 8 characters appended. */
export function fileNames(flows: { id: string; name: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const f of flows) counts.set(slugify(f.name), (counts.get(slugify(f.name)) ?? 0) + 1);
  return new Map(flows.map((f) => {
    const slug = slugify(f.name);
    return [f.id, `${(counts.get(slug) ?? 0) > 1 ? `${slug}-${f.id.slice(0, 8)}` : slug}.json`];
  }));
}

/** What import compares to decide whether a new draft version is needed. */
export function draftContent(f: { name: string; description: string; graph: unknown }): string {
  return stableJson({ name: f.name, description: f.description, graph: f.graph });
}
