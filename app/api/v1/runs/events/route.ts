// GET /api/v1/runs/events: server-sent events as runs are queued and change, for live run lists.
import { runListStream } from '@/server/live/run-streams';
import { route } from '../../_lib/handler';

export const dynamic = 'force-dynamic';

export const GET = route('runs:read', async ({ req }) => runListStream(req.signal));
