'use server';
// Flow mutations for the UI. Each action re-authorises on the server and validates its
// arguments: the client is untrusted even when it is our own component.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { setFlowEnabled } from '@/server/services/flows';
import { raiseTestAlert } from '@/server/services/demo';
import { authoriseAction } from '../../_lib/auth';
import { failure, type ActionResult } from '../../_lib/action-result';

const ZId = z.string().uuid();

export async function setFlowEnabledAction(flowId: string, enabled: boolean): Promise<ActionResult<{ enabled: boolean }>> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return auth;
  const id = ZId.safeParse(flowId);
  if (!id.success || typeof enabled !== 'boolean') return { ok: false, error: 'Invalid request.' };
  try {
    const flow = await setFlowEnabled(auth.principal, id.data, enabled);
    revalidatePath('/flows');
    revalidatePath(`/flows/${id.data}`);
    return { ok: true, data: { enabled: flow.enabled } };
  } catch (e) {
    return failure(e, 'The flow could not be switched. Try again.');
  }
}

const ZSeverity = z.enum(['Informational', 'Low', 'Medium', 'High']);

export async function raiseTestAlertAction(severity: string): Promise<ActionResult<{ id: string; title: string; severity: string }>> {
  const auth = await authoriseAction('demo:use');
  if (!auth.ok) return auth;
  const parsed = ZSeverity.safeParse(severity);
  if (!parsed.success) return { ok: false, error: 'Choose a severity.' };
  try {
    return { ok: true, data: await raiseTestAlert({ severity: parsed.data }) };
  } catch (e) {
    return failure(e, 'The demo tenant did not answer. Is demo mode running?');
  }
}
