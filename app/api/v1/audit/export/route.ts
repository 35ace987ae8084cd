import { exportAuditEvents } from '@/server/services/audit-export';
import { route } from '../../_lib/handler';
import { queryObject } from '../../runs/query';

// GET /api/v1/audit/export?<the list's filters> → every matching entry as JSON lines
// (application/x-ndjson, an attachment), newest first, streamed in keyset batches.
export const GET = route('audit:read', async ({ req, principal }) => {
  const { stream, filename } = await exportAuditEvents(principal, queryObject(req.nextUrl.searchParams));
  return new Response(stream, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
