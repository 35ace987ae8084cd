import { retryRunFromFailure } from '@/server/services/run-actions';
import { route } from '../../../_lib/handler';

// Retry from the failed step: a new run that reuses the original's succeeded steps.
export const POST = route<{ id: string }>('runs:write', async ({ principal, params }) => {
  const result = await retryRunFromFailure(principal, params.id);
  return Response.json(result, { status: 201 });
});
