// One poll of a connection at a time (issue 9): a tick that finds a poll in flight does not send
// the alert list query again; it leaves a mark and the holder polls once more afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createQueues, type Queues } from '@/server/queue/queues';
import { closeMdeClients } from '@/worker/mde-clients';
import { createPollJobProcessor } from '@/worker/poll-job';
import { pollLeaseKey, withPollLease } from '@/worker/poll-lease';

let h: Harness;
let redis: Redis;
let queues: Queues;
const key = () => `${env().RIPOSTE_QUEUE_PREFIX}:test-lease:${randomUUID()}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A poll that waits until released, so a test decides when it ends. */
function gatedPoll() {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let calls = 0;
  return { poll: async () => { calls += 1; await gate; return calls; }, open: () => open(), calls: () => calls };
}

beforeAll(async () => {
  h = await startHarness();
  redis = new Redis(env().REDIS_URL);
  queues = createQueues(redis);
});
afterAll(async () => {
  await queues.close();
  await redis.quit();
  await closeMdeClients();
  await h.close();
  await db().$disconnect();
});

describe('the poll lease', () => {
  it('lets one poll run; ticks meanwhile collapse into one more poll by the holder', async () => {
    const k = key();
    const g = gatedPoll();
    const holder = withPollLease(redis, k, g.poll);
    await sleep(50);
    const ticks = await Promise.all([1, 2, 3].map(() => withPollLease(redis, k, async () => 'never')));
    expect(ticks).toEqual([{ ran: false }, { ran: false }, { ran: false }]);
    g.open();
    expect(await holder).toEqual({ ran: true, results: [1, 2] });
    expect(await redis.exists(k)).toBe(0);
    // Free again: the next tick polls once.
    expect(await withPollLease(redis, k, async () => 'next')).toEqual({ ran: true, results: ['next'] });
  });

  it('polls once when no tick arrived meanwhile, and is released after a failing poll', async () => {
    const k = key();
    expect(await withPollLease(redis, k, async () => 'only')).toEqual({ ran: true, results: ['only'] });
    await expect(withPollLease(redis, k, async () => { throw new Error('Defender said no'); })).rejects.toThrow('Defender said no');
    expect(await redis.exists(k)).toBe(0);
  });

  it('frees itself when its holder dies, and is renewed while a long poll goes on', async () => {
    const k = key();
    // A worker killed with SIGKILL leaves its lease behind: it expires on its own.
    await redis.set(k, 'dead-worker', 'PX', 300);
    expect(await withPollLease(redis, k, async () => 'x')).toEqual({ ran: false });
    await sleep(400);
    expect(await withPollLease(redis, k, async () => 'after')).toEqual({ ran: true, results: ['after'] });

    const g = gatedPoll();
    const long = withPollLease(redis, k, g.poll, { leaseMs: 300, renewEveryMs: 100 });
    await sleep(900); // three lease lifetimes
    expect(await redis.get(k)).not.toBeNull();
    g.open();
    expect((await long).ran).toBe(true);
  });

  it('never releases a lease another worker took after its own expired', async () => {
    const k = key();
    const g = gatedPoll();
    const slow = withPollLease(redis, k, g.poll, { leaseMs: 200, renewEveryMs: 10_000 });
    await sleep(300); // expired, not renewed
    expect(await redis.set(k, 'other-worker', 'PX', 10_000, 'NX')).toBe('OK');
    g.open();
    await slow;
    expect(await redis.get(k)).toBe('other-worker');
  });
});

describe('the poll job', () => {
  it('sends one alert list query at a time for concurrent ticks of one connection, and starts each alert once', async () => {
    const pollJob = createPollJobProcessor({ redis, prefix: env().RIPOSTE_QUEUE_PREFIX, runs: queues.runs, overlapSeconds: 120, log: () => undefined });
    const alerts = await Promise.all([h.raise('High'), h.raise('High')]);
    const before = (await h.calls('/api/alerts', 'GET')).length;
    const results = await Promise.all([1, 2, 3, 4].map(() => pollJob(h.defenderId)));
    const ran = results.filter((r) => !r.skipped);
    expect(ran).toHaveLength(1);
    expect(results.filter((r) => r.skipped)).toHaveLength(3);
    // The holder polled again for the ticks it made wait (once for all of them).
    expect(ran[0]).toMatchObject({ polls: 2, newAlerts: 2, runs: 2 });
    const lists = (await h.calls('/api/alerts', 'GET')).slice(before).sort((a, b) => Date.parse(a.receivedAt ?? a.at) - Date.parse(b.receivedAt ?? b.at));
    // One list query per poll (no flow watches alert updates here), never two at once.
    expect(lists).toHaveLength(2);
    for (let i = 1; i < lists.length; i++) expect(Date.parse(lists[i].receivedAt ?? lists[i].at)).toBeGreaterThanOrEqual(Date.parse(lists[i - 1].at));
    for (const a of alerts) expect(await db().run.count({ where: { alertId: a.id } })).toBe(1);
    expect(await redis.exists(pollLeaseKey(env().RIPOSTE_QUEUE_PREFIX, h.defenderId))).toBe(0);
  });
});
