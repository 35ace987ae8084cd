import { countRunsByStatus } from '@/server/services/runs';
import { route } from '../../_lib/handler';
import { queryObject } from '../query';

// GET /api/v1/runs/counts?<the list's filters>: runs per status, each capped at 10,000.
export const GET = route('runs:read', async ({ req }) => countRunsByStatus(queryObject(req.nextUrl.searchParams)));
