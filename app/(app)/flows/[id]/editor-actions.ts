'use server';
// The designer's server actions (components/flow-editor/types.ts EditorActions). Each one
// re-authorises and validates: the editor is client code and therefore untrusted.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createFlow, getFlow, publishFlow, setFlowEnabled, updateDraft, toEditorFlow } from '@/server/services/flows';
import { changesSincePublished, getVersionGraph, listVersions, restoreVersion } from '@/server/services/flow-versions';
import { isServiceError } from '@/server/services/errors';
import type { FlowIssue } from '@/core/flow/issues';
import type { EditorActions, GraphChange, PublishResult, SaveDraftResult, VersionSummary } from '@/components/flow-editor/types';
import type { TDraftGraph } from '@/core/flow/schema';
import { authoriseAction } from '../../../_lib/auth';
import { logUnexpected } from '@/server/log/unexpected';

const ZFlowId = z.object({ flowId: z.string().uuid() });

function saveFailure(e: unknown): SaveDraftResult {
  if (isServiceError(e)) {
    if (e.code === 'StaleDraft') {
      const current = (e.details as { current: Parameters<typeof toEditorFlow>[0] }).current;
      return { ok: false, code: 'StaleDraft', message: e.message, current: toEditorFlow(current) };
    }
    return { ok: false, code: e.code, message: e.message };
  }
  logUnexpected('editor', 'saving a draft failed unexpectedly', e);
  return { ok: false, code: 'InternalError', message: 'The draft could not be saved. It is kept in this browser.' };
}

export async function saveDraft(input: Parameters<EditorActions['saveDraft']>[0]): Promise<SaveDraftResult> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, code: 'Unauthorized', message: auth.error };
  const ids = ZFlowId.safeParse(input);
  if (!ids.success) return { ok: false, code: 'BadRequest', message: 'Invalid flow id' };
  try {
    const { flowId, ...rest } = input;
    const flow = await updateDraft(auth.principal, ids.data.flowId, rest);
    return { ok: true, draftVersion: flow.draftVersion, savedAt: flow.updatedAt };
  } catch (e) {
    return saveFailure(e);
  }
}

export async function saveAsCopy(input: { name: string; description: string; graph: TDraftGraph }): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, message: auth.error };
  try {
    const flow = await createFlow(auth.principal, { name: `${String(input.name).slice(0, 180)} (copy)`, description: input.description, graph: input.graph });
    revalidatePath('/flows');
    return { ok: true, id: flow.id };
  } catch (e) {
    return { ok: false, message: isServiceError(e) ? e.message : 'The copy could not be saved.' };
  }
}

export async function publish(input: { flowId: string }): Promise<PublishResult> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, code: 'Unauthorized', message: auth.error };
  const ids = ZFlowId.safeParse(input);
  if (!ids.success) return { ok: false, code: 'BadRequest', message: 'Invalid flow id' };
  try {
    const flow = await publishFlow(auth.principal, ids.data.flowId);
    revalidatePath('/flows');
    return { ok: true, version: flow.version, warnings: flow.warnings };
  } catch (e) {
    if (isServiceError(e)) return { ok: false, code: e.code, message: e.message, issues: (e.details as { issues?: FlowIssue[] } | undefined)?.issues };
    logUnexpected('editor', 'publishing failed unexpectedly', e);
    return { ok: false, code: 'InternalError', message: 'The flow could not be published.' };
  }
}

export async function setEnabled(input: { flowId: string; enabled: boolean }): Promise<{ ok: true; enabled: boolean } | { ok: false; message: string }> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, message: auth.error };
  const ids = ZFlowId.safeParse(input);
  if (!ids.success || typeof input.enabled !== 'boolean') return { ok: false, message: 'Invalid request' };
  try {
    const flow = await setFlowEnabled(auth.principal, ids.data.flowId, input.enabled);
    revalidatePath('/flows');
    return { ok: true, enabled: flow.enabled };
  } catch (e) {
    return { ok: false, message: isServiceError(e) ? e.message : 'The flow could not be switched.' };
  }
}

export async function changesSincePublishedAction(input: { flowId: string }): Promise<GraphChange[]> {
  const auth = await authoriseAction('flows:read');
  if (!auth.ok) return [];
  const ids = ZFlowId.safeParse(input);
  return ids.success ? changesSincePublished(ids.data.flowId) : [];
}

export async function listVersionsAction(input: { flowId: string }): Promise<VersionSummary[]> {
  const auth = await authoriseAction('flows:read');
  if (!auth.ok) return [];
  const ids = ZFlowId.safeParse(input);
  return ids.success ? listVersions(ids.data.flowId) : [];
}

export async function getVersionAction(input: { flowId: string; version: number }): Promise<{ version: number; graph: TDraftGraph } | null> {
  const auth = await authoriseAction('flows:read');
  if (!auth.ok) return null;
  const ids = ZFlowId.safeParse(input);
  if (!ids.success || !Number.isInteger(input.version)) return null;
  try {
    return { version: input.version, graph: await getVersionGraph(ids.data.flowId, input.version) };
  } catch {
    return null;
  }
}

export async function restoreVersionAction(input: { flowId: string; version: number; baseVersion: number }): Promise<SaveDraftResult> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, code: 'Unauthorized', message: auth.error };
  const ids = ZFlowId.safeParse(input);
  if (!ids.success || !Number.isInteger(input.version) || !Number.isInteger(input.baseVersion)) return { ok: false, code: 'BadRequest', message: 'Invalid request' };
  try {
    const flow = await restoreVersion(auth.principal, ids.data.flowId, input.version, input.baseVersion);
    return { ok: true, draftVersion: flow.draftVersion, savedAt: flow.updatedAt };
  } catch (e) {
    return saveFailure(e);
  }
}

export async function reloadFlowAction(input: { flowId: string }) {
  const auth = await authoriseAction('flows:read');
  if (!auth.ok) return null;
  const ids = ZFlowId.safeParse(input);
  return ids.success ? toEditorFlow(await getFlow(ids.data.flowId)) : null;
}
