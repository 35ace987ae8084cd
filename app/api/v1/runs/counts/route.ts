import { countRunsByStatus } from '@/server/services/runs';
import { route } from '../../_lib/handler';
import { queryObject } from '../query';

// GET /api/v1/runs/counts?<the list's filters>: runs per status among the newest 10,000 matching
// runs (COUNT_WINDOW; `limited` says more match), so counting costs the same whatever the filter.
export const GET = route('runs:read', async ({ req }) => countRunsByStatus(queryObject(req.nextUrl.searchParams)));
