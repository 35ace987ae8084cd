// Browser tests start from an empty database and queue namespace. Refuses anything but an
// e2e/test database, so a stray RIPOSTE_E2E_RESET can never wipe real data.
import { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { env } from '@/server/env';

export async function resetForE2e(): Promise<void> {
  const { DATABASE_URL, REDIS_URL, RIPOSTE_QUEUE_PREFIX } = env();
  const name = new URL(DATABASE_URL).pathname.slice(1);
  if (!/_(e2e|test|bench)$/.test(name)) throw new Error(`Refusing to reset database ${name}: not an e2e/test/bench database`);
  await db().$executeRawUnsafe(
    'TRUNCATE "User", "Session", "ApiToken", "Connection", "Flow", "FlowVersion", "Run", "StepRun", "AlertCursor", "SeenAlert", "AuditEvent", "CapturedEmail", "CapturedWebhook", "SsoSettings", "LoginAttempt", "UserInvite" CASCADE',
  );
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${RIPOSTE_QUEUE_PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
}
