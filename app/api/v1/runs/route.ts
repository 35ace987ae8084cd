import { listRuns } from '@/server/services/runs';
import { route } from '../_lib/handler';

export const GET = route('runs:read', async ({ req }) => listRuns(Object.fromEntries(req.nextUrl.searchParams)));
