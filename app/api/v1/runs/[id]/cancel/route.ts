import { cancelRun } from '@/server/services/run-actions';
import { route } from '../../../_lib/handler';

export const POST = route<{ id: string }>('runs:write', async ({ principal, params }) => cancelRun(principal, params.id));
