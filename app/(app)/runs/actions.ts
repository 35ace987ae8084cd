'use server';
// Run actions from the run pages (cancel, resubmit, retry from the failed step, bulk resubmit).
// Each re-authorises: the page's buttons are client code and therefore untrusted.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { bulkCancelRuns, bulkResubmitRuns, cancelRun, type BulkCancelResult, resubmitRun, retryRunFromFailure, type BulkResubmitResult } from '@/server/services/run-actions';
import { authoriseAction } from '../../_lib/auth';
import { failure, type ActionResult } from '../../_lib/action-result';

const ZRunId = z.uuid();

export async function cancelRunAction(runId: string): Promise<ActionResult<{ id: string }>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  if (!ZRunId.safeParse(runId).success) return { ok: false, error: 'Invalid run id' };
  try {
    const result = await cancelRun(auth.principal, runId);
    revalidatePath(`/runs/${runId}`);
    return { ok: true, data: { id: result.id } };
  } catch (e) {
    return failure(e);
  }
}

export async function resubmitRunAction(runId: string, version: 'same' | 'latest'): Promise<ActionResult<{ id: string }>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  if (!ZRunId.safeParse(runId).success) return { ok: false, error: 'Invalid run id' };
  try {
    const result = await resubmitRun(auth.principal, runId, { version });
    revalidatePath('/runs');
    return { ok: true, data: { id: result.id } };
  } catch (e) {
    return failure(e);
  }
}

export async function retryRunAction(runId: string): Promise<ActionResult<{ id: string }>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  if (!ZRunId.safeParse(runId).success) return { ok: false, error: 'Invalid run id' };
  try {
    const result = await retryRunFromFailure(auth.principal, runId);
    revalidatePath('/runs');
    return { ok: true, data: { id: result.id } };
  } catch (e) {
    return failure(e);
  }
}

export async function bulkResubmitAction(runIds: string[], version: 'same' | 'latest'): Promise<ActionResult<BulkResubmitResult>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  try {
    const result = await bulkResubmitRuns(auth.principal, { runIds, version });
    revalidatePath('/runs');
    return { ok: true, data: result };
  } catch (e) {
    return failure(e);
  }
}

export async function bulkCancelAction(runIds: string[]): Promise<ActionResult<BulkCancelResult>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  try {
    const result = await bulkCancelRuns(auth.principal, { runIds });
    revalidatePath('/runs');
    return { ok: true, data: result };
  } catch (e) {
    return failure(e);
  }
}
