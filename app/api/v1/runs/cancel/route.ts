import { bulkCancelRuns } from '@/server/services/run-actions';
import { route } from '../../_lib/handler';

// Bulk cancel: `{ "runIds": [...] }`; runs that already finished are skipped with a reason.
export const POST = route('runs:write', async ({ principal, json }) => bulkCancelRuns(principal, await json()));
