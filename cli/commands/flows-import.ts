// `riposte import <folder>`: idempotent. A file whose flow id exists gets a new draft version only
// when its name, description or graph differ; an unknown id is created with that id. Import never
// publishes or switches flows on: that stays a deliberate step (`riposte publish`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '@/server/db/client';
import { createFlow, getFlow, updateDraft } from '@/server/services/flows';
import { fromZodIssues } from '@/server/services/errors';
import type { Principal } from '@/server/auth/roles';
import { CliError, describeError } from '../context';
import { ZFlowFile, draftContent, type FlowFile } from '../flow-files';

export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

function readFlowFile(file: string): FlowFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${path.basename(file)}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = ZFlowFile.safeParse(json);
  if (!parsed.success) throw new CliError(`${path.basename(file)}: ${fromZodIssues(parsed.error.issues).message}`);
  return parsed.data;
}

export async function importFlows(actor: Principal, folder: string): Promise<ImportResult> {
  let entries: string[];
  try {
    entries = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new CliError(`Cannot read the folder ${folder}`);
  }
  // Parse everything first: a broken file stops the import before anything changes.
  const files = entries.map((name) => ({ name, flow: readFlowFile(path.join(folder, name)) }));
  const result: ImportResult = { created: [], updated: [], unchanged: [] };
  for (const { name, flow } of files) {
    const content = { name: flow.name, description: flow.description, graph: flow.draft.graph };
    try {
      const exists = await db().flow.findUnique({ where: { id: flow.id }, select: { id: true } });
      if (!exists) {
        await createFlow(actor, content, { how: 'import', id: flow.id });
        result.created.push(name);
        continue;
      }
      const current = await getFlow(flow.id);
      if (draftContent(current) === draftContent(content)) {
        result.unchanged.push(name);
        continue;
      }
      await updateDraft(actor, flow.id, { ...content, baseVersion: current.draftVersion });
      result.updated.push(name);
    } catch (e) {
      throw new CliError(`${name}: ${describeError(e)}`);
    }
  }
  return result;
}
