'use server';
// Server actions of the designer's "Run now" dialog (components/flow-editor/run-now-types.ts).
// Each re-authorises and validates; the work is in server/services/manual-runs.ts.
import { z } from 'zod';
import { recentAlerts, startManualRun } from '@/server/services/manual-runs';
import { listRuns } from '@/server/services/runs';
import { isServiceError } from '@/server/services/errors';
import type { FlowIssue } from '@/core/flow/issues';
import type { ManualRunActions, RunNowSource } from '@/components/flow-editor/run-now-types';
import { authoriseAction } from '../../../_lib/auth';
import { logUnexpected } from '@/server/log/unexpected';

const ZFlowId = z.string().uuid();

function message(e: unknown, fallback: string): string {
  if (isServiceError(e)) return e.message;
  logUnexpected('manual-run', 'a Run now action failed unexpectedly', e);
  return fallback;
}

export async function listAlertsAction(input: { flowId: string; search: string }): ReturnType<ManualRunActions['listAlerts']> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, message: auth.error };
  const flowId = ZFlowId.safeParse(input?.flowId);
  const search = z.string().max(200).safeParse(input?.search ?? '');
  if (!flowId.success || !search.success) return { ok: false, message: 'Invalid request' };
  try {
    return { ok: true, alerts: await recentAlerts(flowId.data, search.data) };
  } catch (e) {
    return { ok: false, message: message(e, 'The alerts could not be loaded from Defender.') };
  }
}

export async function listEarlierRunsAction(input: { flowId: string }): ReturnType<ManualRunActions['listEarlierRuns']> {
  const auth = await authoriseAction('runs:read');
  if (!auth.ok) return { ok: false, message: auth.error };
  const flowId = ZFlowId.safeParse(input?.flowId);
  if (!flowId.success) return { ok: false, message: 'Invalid request' };
  const { items } = await listRuns({ flowId: flowId.data, limit: 20 });
  return { ok: true, runs: items.map((r) => ({ id: r.id, status: r.status, triggerKind: r.triggerKind, title: r.summary?.title ?? null, createdAt: r.createdAt })) };
}

function bodyOf(source: RunNowSource): Record<string, unknown> {
  switch (source.kind) {
    case 'alert':
      return { alertId: source.alertId };
    case 'payload':
      return { payload: source.payload };
    case 'previousRun':
      return { fromRunId: source.runId };
    default:
      return {};
  }
}

const ZSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), alertId: z.string() }),
  z.object({ kind: z.literal('payload'), payload: z.unknown() }),
  z.object({ kind: z.literal('previousRun'), runId: z.string() }),
  z.object({ kind: z.literal('now') }),
]);

export async function startRunAction(input: { flowId: string; version: 'published' | 'draft'; source: RunNowSource }): ReturnType<ManualRunActions['startRun']> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, message: auth.error };
  const flowId = ZFlowId.safeParse(input?.flowId);
  const source = ZSource.safeParse(input?.source);
  if (!flowId.success || !source.success) return { ok: false, message: 'Invalid request' };
  try {
    // The service validates the body exactly as for the REST API (payload must be an object…).
    return { ok: true, ...(await startManualRun(auth.principal, flowId.data, { ...bodyOf(source.data as RunNowSource), version: input.version })) };
  } catch (e) {
    const issues = isServiceError(e) ? (e.details as { issues?: FlowIssue[] } | undefined)?.issues : undefined;
    return { ok: false, message: message(e, 'The run could not be started.'), ...(issues ? { issues } : {}) };
  }
}
