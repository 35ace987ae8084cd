'use server';
// "Get columns" of a hunting step (components/flow-editor/types.ts EditorActions.huntingColumns).
// Editors only, re-checked here: the designer is client code. The query goes to Defender through
// the shared rate limiter (server/services/hunting-columns.ts).
import { z } from 'zod';
import { fetchHuntingColumns } from '@/server/services/hunting-columns';
import { isServiceError } from '@/server/services/errors';
import type { HuntingColumnsRequest, HuntingColumnsResult } from '@/components/flow-editor/types';
import { authoriseAction } from '../../../_lib/auth';
import { logUnexpected } from '@/server/log/unexpected';

const ZFlowId = z.string().uuid();

export async function huntingColumnsAction(input: HuntingColumnsRequest): Promise<HuntingColumnsResult> {
  const auth = await authoriseAction('flows:write');
  if (!auth.ok) return { ok: false, code: 'Unauthorized', message: auth.error };
  const flowId = ZFlowId.safeParse(input?.flowId);
  if (!flowId.success) return { ok: false, code: 'BadRequest', message: 'Invalid flow id' };
  try {
    const result = await fetchHuntingColumns(flowId.data, {
      connectionId: String(input.connectionId ?? ''),
      query: String(input.query ?? ''),
      api: input.api === 'mde' ? 'mde' : 'graph',
      timespan: typeof input.timespan === 'string' ? input.timespan : undefined,
    });
    return { ok: true, ...result };
  } catch (e) {
    if (isServiceError(e)) return { ok: false, code: e.code, message: e.message };
    logUnexpected('hunting-columns', 'Get columns failed unexpectedly', e);
    return { ok: false, code: 'InternalError', message: 'The columns could not be fetched.' };
  }
}
