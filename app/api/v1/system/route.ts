import { systemOverview } from '@/server/metrics/system-overview';
import { webQueues, webRedis } from '@/server/queue/web-queues';
import { route } from '../_lib/handler';

// GET /api/v1/system → what the admin System page shows: worker heartbeats, queue depths, poll lag
// per Defender connection, the version and the /api/metrics figures (admins: system:read).
export const GET = route('system:read', async () => systemOverview({ queues: webQueues(), redis: webRedis() }));
