// Prometheus scrape endpoint (docs/observability.md). Its own bearer token, not a user session or
// API token: scrapers are machines with no role. Unset token → 404, so the endpoint is off by default.
import { timingSafeEqual, createHash } from 'node:crypto';
import { env } from '@/server/env';
import { webQueues, webRedis } from '@/server/queue/web-queues';
import { metricsRegistry } from '@/server/metrics/collect';

export const dynamic = 'force-dynamic';

const digest = (v: string) => createHash('sha256').update(v).digest();

export async function GET(req: Request): Promise<Response> {
  const token = env().RIPOSTE_METRICS_TOKEN;
  if (token === undefined) {
    return Response.json({ error: { code: 'NotFound', message: 'Metrics are off: set RIPOSTE_METRICS_TOKEN to enable /api/metrics.' } }, { status: 404 });
  }
  const sent = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim() ?? '';
  // Compare digests: equal length, constant time, whatever was sent.
  if (!timingSafeEqual(digest(sent), digest(token))) {
    return Response.json({ error: { code: 'Unauthorized', message: 'Send Authorization: Bearer <RIPOSTE_METRICS_TOKEN>.' } }, { status: 401 });
  }
  const registry = metricsRegistry(webQueues(), webRedis());
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' } });
}
