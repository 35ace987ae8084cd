'use server';
// Connection mutations for the page. Each action authorises again on the server (connections:write
// is admin-only) and returns only the secret-free view.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createConnection, deleteConnection, updateConnection } from '@/server/services/connections';
import { testConnection } from '@/server/services/connection-test';
import { authoriseAction } from '../../_lib/auth';
import { failure, type ActionResult } from '../../_lib/action-result';
import { toView } from './view';
import type { ConnectionView, TestOutcome } from '@/components/connections/types';

const ZId = z.guid();
const ZInput = z.record(z.string(), z.unknown());

export async function createConnectionAction(input: unknown): Promise<ActionResult<ConnectionView>> {
  const auth = await authoriseAction('connections:write');
  if (!auth.ok) return auth;
  const body = ZInput.safeParse(input);
  if (!body.success) return { ok: false, error: 'Invalid request.' };
  try {
    const created = await createConnection(auth.principal, body.data);
    revalidatePath('/connections');
    return { ok: true, data: await toView(created) };
  } catch (e) {
    return failure(e, 'The connection could not be created.');
  }
}

export async function updateConnectionAction(id: unknown, input: unknown): Promise<ActionResult<ConnectionView>> {
  const auth = await authoriseAction('connections:write');
  if (!auth.ok) return auth;
  const ids = ZId.safeParse(id);
  const body = ZInput.safeParse(input);
  if (!ids.success || !body.success) return { ok: false, error: 'Invalid request.' };
  try {
    const updated = await updateConnection(auth.principal, ids.data, body.data);
    revalidatePath('/connections');
    return { ok: true, data: await toView(updated) };
  } catch (e) {
    return failure(e, 'The connection could not be saved.');
  }
}

export async function deleteConnectionAction(id: unknown): Promise<ActionResult> {
  const auth = await authoriseAction('connections:write');
  if (!auth.ok) return auth;
  const ids = ZId.safeParse(id);
  if (!ids.success) return { ok: false, error: 'Invalid request.' };
  try {
    await deleteConnection(auth.principal, ids.data);
    revalidatePath('/connections');
    return { ok: true, data: undefined };
  } catch (e) {
    return failure(e, 'The connection could not be deleted.');
  }
}

export async function testConnectionAction(id: unknown): Promise<ActionResult<TestOutcome>> {
  const auth = await authoriseAction('connections:write');
  if (!auth.ok) return auth;
  const ids = ZId.safeParse(id);
  if (!ids.success) return { ok: false, error: 'Invalid request.' };
  try {
    const result = await testConnection(ids.data, auth.principal);
    revalidatePath('/connections');
    return { ok: true, data: result };
  } catch (e) {
    return failure(e, 'The connection could not be tested.');
  }
}
