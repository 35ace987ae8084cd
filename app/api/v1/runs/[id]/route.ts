import { getRun } from '@/server/services/runs';
import { route } from '../../_lib/handler';

export const GET = route<{ id: string }>('runs:read', async ({ params }) => getRun(params.id));
