import { listAuditEvents } from '@/server/services/audit-query';
import { route } from '../_lib/handler';
import { queryObject } from '../runs/query';

// GET /api/v1/audit?actor=…&action=flow.publish|category=flows&targetType=flow&targetId=…
//   &ip=10.0.*&range=24h|7d|30d|custom&from=…&to=…&cursor=…&direction=older|newer&limit=50
// → { items, nextCursor, prevCursor }, newest first.
export const GET = route('audit:read', async ({ req }) => listAuditEvents(queryObject(req.nextUrl.searchParams)));
