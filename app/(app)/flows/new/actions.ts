'use server';
// Creating flows: from a template (bound to the user's first connections of each kind) or by
// importing an exported flow JSON. Both land in the designer.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createFlow } from '@/server/services/flows';
import { listConnections } from '@/server/services/connections';
import { env } from '@/server/env';
import { getTemplate } from '@/core/templates';
import { authoriseAction } from '../../../_lib/auth';
import { failure, type ActionResult } from '../../../_lib/action-result';

const ZNewFlow = z.object({
  name: z.string().trim().min(1, 'Give the flow a name').max(200),
  description: z.string().max(2000).default(''),
  template: z.string().max(100),
});

export async function createFlowAction(_prev: ActionResult<undefined> | null, form: FormData): Promise<ActionResult<undefined>> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return auth;
  const parsed = ZNewFlow.safeParse({ name: form.get('name'), description: form.get('description') ?? '', template: form.get('template') ?? 'blank' });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid input' };
  const template = getTemplate(parsed.data.template);
  if (!template) return { ok: false, error: 'Choose a template' };
  const connections = await listConnections();
  const graph = template.build({
    defenderConnectionId: connections.find((c) => c.kind === 'defender')?.id,
    smtpConnectionId: connections.find((c) => c.kind === 'smtp')?.id,
    socEmail: env().RIPOSTE_SOC_EMAIL,
  });
  let id: string;
  try {
    id = (await createFlow(auth.principal, { name: parsed.data.name, description: parsed.data.description, graph })).id;
  } catch (e) {
    return failure(e, 'The flow could not be created.');
  }
  redirect(`/flows/${id}`);
}

/** Imports `{ name, description?, graph }` (the REST export format); every problem is listed. */
export async function importFlowAction(text: string): Promise<ActionResult<{ id: string }>> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return auth;
  if (typeof text !== 'string' || text.length > 5_000_000) return { ok: false, error: 'The file is too large (5 MB at most).' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not JSON. Export a flow from Riposte and import that file.' };
  }
  try {
    const flow = await createFlow(auth.principal, data, { how: 'import' });
    return { ok: true, data: { id: flow.id } };
  } catch (e) {
    return failure(e, 'The flow could not be imported.');
  }
}
