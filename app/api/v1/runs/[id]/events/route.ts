// GET /api/v1/runs/{id}/events: server-sent events for one run (see server/live/run-streams.ts).
import { runDetailStream } from '@/server/live/run-streams';
import { route } from '../../../_lib/handler';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>('runs:read', async ({ req, params }) => runDetailStream(params.id, req.signal));
