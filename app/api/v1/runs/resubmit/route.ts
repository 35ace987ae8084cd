import { bulkResubmitRuns } from '@/server/services/run-actions';
import { route } from '../../_lib/handler';

// Bulk resubmit: `{ "runIds": [...], "version": "same" | "latest" }`.
export const POST = route('runs:write', async ({ principal, json }) => bulkResubmitRuns(principal, await json()));
