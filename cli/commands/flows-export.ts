// `riposte export <folder>`: every flow's draft and latest published version as one JSON file per
// flow, named by slug. Files of flows that no longer exist are removed so the folder mirrors the
// installation (a deleted flow shows as a deleted file in Git).
// The files leave Riposte (a Git repository, a ticket), so they pass the redactor exactly as
// GET /api/v1/flows/{id}/export does: a connection's secret typed into a step, a header line or a
// URL with a key is replaced; token references ({{ … }}) are kept (issue 7).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '@/server/db/client';
import { getFlow } from '@/server/services/flows';
import { getVersionGraph } from '@/server/services/flow-versions';
import { refreshKnownSecrets } from '@/server/secrets/load-known-secrets';
import { redactValue } from '@/server/secrets/redact';
import { FLOW_FILE_FORMAT, fileNames, stableJson, type FlowFile } from '../flow-files';

export async function exportFlows(folder: string): Promise<{ written: string[]; removed: string[] }> {
  mkdirSync(folder, { recursive: true });
  // A fresh process knows no secret yet: load every connection's before writing anything. A
  // failure stops the export rather than write files the by-value net never saw.
  await refreshKnownSecrets();
  const rows = await db().flow.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const names = fileNames(rows);
  const written: string[] = [];
  for (const row of rows) {
    const flow = await getFlow(row.id);
    const file: FlowFile = {
      format: FLOW_FILE_FORMAT,
      id: flow.id,
      name: flow.name,
      description: flow.description,
      enabled: flow.enabled,
      draft: { version: flow.draftVersion, graph: flow.graph },
      published: flow.publishedVersion ? { version: flow.publishedVersion, graph: await getVersionGraph(flow.id, flow.publishedVersion) } : null,
    };
    const name = names.get(flow.id) as string;
    writeFileSync(path.join(folder, name), stableJson(redactValue(file)));
    written.push(name);
  }
  const removed: string[] = [];
  for (const entry of readdirSync(folder).filter((f) => f.endsWith('.json') && !written.includes(f))) {
    if (isFlowFile(path.join(folder, entry))) {
      rmSync(path.join(folder, entry));
      removed.push(entry);
    }
  }
  return { written, removed };
}

/** Only files this command wrote are ever removed. */
function isFlowFile(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown }).format === FLOW_FILE_FORMAT;
  } catch {
    return false;
  }
}
