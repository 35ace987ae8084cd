// /api/ready against real parts: the test database, a worker heartbeat, and a private
// redis-server that the test stops and starts again (the shared Redis on 6379 is left alone).
import './setup-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { migrationFolders } from '@/server/health/migrations';
import type { Readiness } from '@/server/health/readiness';
import { startHeartbeat, type Heartbeat } from '@/worker/heartbeat';
import { GET } from '@/app/api/ready/route';
import { freePort, startRedis, type Child } from './container-processes';

async function ready(): Promise<{ status: number; body: Readiness; text: string }> {
  const res = await GET();
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Readiness, text };
}

describe('readiness (/api/ready)', () => {
  let redisPort = 0;
  let redis: Child | null = null;
  let heartbeat: Heartbeat | null = null;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
    resetEnvCache();
    // Warm the Prisma client (its first query loads the query compiler), which this test is not about.
    await db().workerHeartbeat.deleteMany();
    heartbeat = await startHeartbeat({ everyMs: 500 });
  });

  afterAll(async () => {
    await heartbeat?.stop();
    await redis?.stop();
    await db().$disconnect();
  });

  it('goes red when Redis stops and green when it returns', async () => {
    const before = await ready();
    expect(before.status).toBe(200);
    expect(before.body.status).toBe('ready');
    expect(before.body.checks.database.ok).toBe(true);
    expect(before.body.checks.redis).toMatchObject({ ok: true });
    expect(before.body.checks.migrations).toEqual({ ok: true, pending: [] });
    expect(before.body.checks.worker).toMatchObject({ ok: true, processes: 1 });

    await redis?.stop();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.checks.redis.ok).toBe(false);
    expect(down.body.checks.redis.error).toBe('connection refused');
    // Only Redis is at fault, and the body names no address of it.
    expect(down.body.checks.database.ok).toBe(true);
    expect(down.body.checks.worker.ok).toBe(true);
    expect(down.text).not.toContain(String(redisPort));
    expect(down.text).not.toContain('redis://');

    redis = await startRedis(redisPort);
    const after = await ready();
    expect(after.status).toBe(200);
    expect(after.body.checks.redis.ok).toBe(true);
  });

  it('is not ready when no worker beat in the last minute, and says when one was last seen', async () => {
    await heartbeat?.stop();
    heartbeat = null;
    const lastBeatAt = new Date(Date.now() - 90_000);
    await db().workerHeartbeat.create({ data: { id: 'gone-worker', host: 'old-host', pid: 1, startedAt: lastBeatAt, lastBeatAt } });
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.checks.worker).toEqual({ ok: false, lastSeenAt: lastBeatAt.toISOString(), processes: 0 });
    expect(res.body.checks.redis.ok).toBe(true);

    heartbeat = await startHeartbeat({ everyMs: 500 });
    const back = await ready();
    expect(back.status).toBe(200);
    expect(back.body.checks.worker.processes).toBe(1);
    await db().workerHeartbeat.delete({ where: { id: 'gone-worker' } });
  });

  it('counts each live worker process once and forgets a worker that stopped cleanly', async () => {
    const second = await startHeartbeat({ everyMs: 500 });
    expect((await ready()).body.checks.worker.processes).toBe(2);
    const rows = await db().workerHeartbeat.findMany({ where: { id: { in: [second.id, heartbeat?.id ?? ''] } } });
    expect(rows.map((r) => r.pid)).toEqual([process.pid, process.pid]);
    await second.stop();
    expect(await db().workerHeartbeat.count({ where: { id: second.id } })).toBe(0);
    expect((await ready()).body.checks.worker.processes).toBe(1);
  });

  it('lists this build\'s migrations the database lacks', async () => {
    // The newest shipped migration is marked unfinished (as after a failed deploy), then restored.
    const newest = migrationFolders().at(-1) ?? '';
    const [row] = await db().$queryRawUnsafe<{ finished_at: Date }[]>('SELECT finished_at FROM _prisma_migrations WHERE migration_name = $1', newest);
    await db().$executeRawUnsafe('UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1', newest);
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(res.body.checks.migrations).toEqual({ ok: false, pending: [newest] });
    } finally {
      await db().$executeRawUnsafe('UPDATE _prisma_migrations SET finished_at = $1 WHERE migration_name = $2', row.finished_at, newest);
    }
    expect((await ready()).status).toBe(200);
  });
});
