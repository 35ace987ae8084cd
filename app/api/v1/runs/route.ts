import { listRuns } from '@/server/services/runs';
import { route } from '../_lib/handler';
import { queryObject } from './query';

// GET /api/v1/runs?status=failed,timed_out&flowId=…&range=24h|from=…&to=…&alertId=…&machine=…
//   &severity=High&triggerKind=alert&q=powershell&cursor=…&direction=older|newer&limit=50
export const GET = route('runs:read', async ({ req }) => listRuns(queryObject(req.nextUrl.searchParams)));
