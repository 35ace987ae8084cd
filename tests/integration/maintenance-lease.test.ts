// The maintenance tick's lease on real Redis: a tick that outlasts the lease keeps it (renewed), so
// no second worker starts a tick alongside it; a lease taken over is noticed and never extended or
// freed by its former holder; a dead holder's lease frees itself.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { env } from '@/server/env';
import { withLease, type Lease } from '@/worker/maintenance-lease';

const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
const other = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const keyOf = () => `${env().RIPOSTE_QUEUE_PREFIX}:test-lease:${randomUUID()}`;

afterAll(async () => {
  await redis.quit();
  await other.quit();
});

describe('maintenance lease', () => {
  it('a tick longer than the lease keeps it: a second worker never starts one meanwhile', async () => {
    const key = keyOf();
    const opts = { leaseMs: 600, renewEveryMs: 100 };
    let working = true;
    let overlaps = 0;
    let attempts = 0;
    // A second worker trying all the time, on its own connection.
    const contender = (async () => {
      while (working) {
        attempts++;
        if (await withLease(other, key, opts, async () => undefined)) overlaps++;
        await sleep(50);
      }
    })();
    let held: boolean | null = null;
    const ran = await withLease(redis, key, opts, async (lease: Lease) => {
      await sleep(2000); // more than three leases long
      held = lease.held;
    });
    working = false;
    await contender;
    expect(ran).toBe(true);
    expect(held).toBe(true);
    expect(attempts).toBeGreaterThan(10);
    expect(overlaps).toBe(0);
    // Left to expire (it spaces ticks apart), then free for the next worker.
    expect(await withLease(other, key, opts, async () => undefined)).toBe(false);
    await sleep(opts.leaseMs + 200);
    expect(await withLease(other, key, opts, async () => undefined)).toBe(true);
  });

  it('a lease taken over is noticed, and its former holder neither extends nor frees it', async () => {
    const key = keyOf();
    const held: boolean[] = [];
    await withLease(redis, key, { leaseMs: 5000, renewEveryMs: 100 }, async (lease) => {
      held.push(lease.held);
      // The lease expired under a stalled process and another worker took it.
      await other.set(key, 'someone-else', 'PX', 1500);
      await sleep(400);
      held.push(lease.held);
    });
    expect(held).toEqual([true, false]);
    expect(await other.get(key)).toBe('someone-else');
    const ttl = await other.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1500 - 400);
  });

  it('a holder that died frees the lease after leaseMs', async () => {
    const key = keyOf();
    // A holder that took the lease and never renewed it (the process was killed).
    await redis.set(key, 'dead-worker', 'PX', 300);
    expect(await withLease(other, key, { leaseMs: 300 }, async () => undefined)).toBe(false);
    await sleep(450);
    expect(await withLease(other, key, { leaseMs: 300 }, async () => undefined)).toBe(true);
  });
});
