import { resubmitRun } from '@/server/services/run-actions';
import { route } from '../../../_lib/handler';

// Body optional: `{ "version": "same" | "latest" }` (default same).
export const POST = route<{ id: string }>('runs:write', async ({ req, principal, params, json }) => {
  const hasBody = (req.headers.get('content-length') ?? '0') !== '0';
  const result = await resubmitRun(principal, params.id, hasBody ? await json() : {});
  return Response.json(result, { status: 201 });
});
