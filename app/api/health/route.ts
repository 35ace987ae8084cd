// Liveness plus the two dependencies: used by `npm start` users, Playwright's webServer and compose.
import { db } from '@/server/db/client';
import { producerConnection } from '@/server/queue/connection';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const checks: Record<string, 'ok' | string> = {};
  try {
    await db().$queryRaw`SELECT 1`;
    checks.database = 'ok';
  } catch (e) {
    checks.database = (e as Error).message.slice(0, 200);
  }
  const redis = producerConnection();
  try {
    await redis.ping();
    checks.redis = 'ok';
  } catch (e) {
    checks.redis = (e as Error).message.slice(0, 200);
  } finally {
    redis.disconnect();
  }
  const ok = Object.values(checks).every((v) => v === 'ok');
  return Response.json({ ok, checks }, { status: ok ? 200 : 503 });
}
