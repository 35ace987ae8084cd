// POST /api/v1/flows/{id}/run: a manual run with an alert id, a pasted payload or an earlier run's
// trigger data, on the published version or the draft (design.md §7). 202 { runId }.
import { NextResponse } from 'next/server';
import { startManualRun } from '@/server/services/manual-runs';
import { route } from '../../../_lib/handler';

export const POST = route<{ id: string }>('runs:write', async ({ principal, params, req, json }) => {
  // An empty body means "run now" (schedule flows need no trigger data).
  const body = req.headers.get('content-length') === '0' ? {} : await json();
  const result = await startManualRun(principal, params.id, body);
  return NextResponse.json(result, { status: 202 });
});
