// The maintenance tick's lease: one worker at a time runs a tick, however long it takes. A plain
// `SET NX PX` lock of a few seconds expired under a long tick (retention batches, a big reconcile)
// and let a second worker start one alongside it. Here the holder renews the lease while its work
// runs, by compare-and-set on its own random token (never another worker's), and stops at the
// next step boundary if the lease was lost anyway (the process stalled past it). The lease is
// left to expire after the tick rather than deleted: it also spaces ticks at least `leaseMs` apart.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Extends the key's expiry only while it still holds our token. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface LeaseOptions {
  /** How long the lease lasts without renewal (a dead holder frees it after this). */
  leaseMs: number;
  /** How often the holder renews it; well under leaseMs. */
  renewEveryMs?: number;
}

export interface Lease {
  /** False once a renewal found the lease gone or taken: stop before the next step. */
  readonly held: boolean;
}

/**
 * Runs `work` if the lease is free, renewing it until `work` settles. Returns false (without
 * running it) when another holder has the lease. `work` reads `lease.held` between its steps.
 */
export async function withLease(redis: Redis, key: string, opts: LeaseOptions, work: (lease: Lease) => Promise<void>): Promise<boolean> {
  const token = randomUUID();
  const got = await redis.set(key, token, 'PX', opts.leaseMs, 'NX');
  if (got === null) return false;
  const state = { held: true };
  const renew = async () => {
    try {
      const ok = await redis.eval(RENEW, 1, key, token, String(opts.leaseMs));
      if (ok !== 1) state.held = false;
    } catch {
      // Redis unreachable: we cannot know, so assume the worst and let the tick stop.
      state.held = false;
    }
  };
  const timer = setInterval(() => void renew(), opts.renewEveryMs ?? Math.floor(opts.leaseMs / 3));
  try {
    await work(state);
  } finally {
    clearInterval(timer);
  }
  return true;
}
