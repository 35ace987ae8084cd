// One poll of a connection at a time, across every worker process (issue 9). When a poll takes
// longer than the interval (a burst, a throttled tenant), the next tick's job used to send the
// same alert list query while the first was still paging: nothing was duplicated (the poll
// transactions are serialised in Postgres), but each such query spent the tenant's alerts budget
// (1,500 calls an hour) for nothing. Now a tick that finds a poll in flight leaves a "poll again"
// mark and ends; the holder polls once more when it finishes, so no alert waits a whole extra
// interval for the skipped tick.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The lease lives this long unless renewed; a killed worker's lease frees itself this soon. */
export const POLL_LEASE_MS = 15_000;
const RENEW_EVERY_MS = 5_000;

// Each script is one atomic step, so a tick and the holder's end never miss each other: either the
// tick's mark lands before the holder's end (which then polls again) or after it (the lease is
// free and the tick takes it).
// KEYS: lease, again. ARGV: token, lease ms. 1: acquired (an old mark is dropped); 0: marked. The
// mark outlives a long poll (the lease is renewed, the mark is not); a stale one costs one poll.
const ACQUIRE_OR_MARK = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then redis.call('del', KEYS[2]) return 1 end
redis.call('set', KEYS[2], '1', 'PX', 3600000) return 0`;
// 1: a mark was left, keep the lease and poll again; 0: released; -1: this holder lost the lease.
const CONTINUE_OR_RELEASE = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('del', KEYS[2]) == 1 then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
redis.call('del', KEYS[1]) return 0`;
// Renew or release only a lease this holder still owns (one that expired and was taken by
// another worker must not be extended or deleted by the first).
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type LeasedPoll<T> = { ran: true; results: T[] } | { ran: false };

export interface PollLeaseOptions {
  leaseMs?: number;
  renewEveryMs?: number;
  /** At most this many polls in a row for the marks left meanwhile (a bound, not a loop forever). */
  maxRounds?: number;
}

export const pollLeaseKey = (prefix: string, connectionId: string) => `${prefix}:poll-lease:${connectionId}`;
const againKey = (leaseKey: string) => `${leaseKey}:again`;

/**
 * Runs `poll` while holding the connection's lease, then again if ticks arrived meanwhile (any
 * number of them collapse into one mark). Returns `{ ran: false }` when another poll holds it.
 */
export async function withPollLease<T>(redis: Redis, leaseKey: string, poll: () => Promise<T>, opts: PollLeaseOptions = {}): Promise<LeasedPoll<T>> {
  const leaseMs = String(opts.leaseMs ?? POLL_LEASE_MS);
  const token = randomUUID();
  const keys = [leaseKey, againKey(leaseKey)] as const;
  if (Number(await redis.eval(ACQUIRE_OR_MARK, 2, ...keys, token, leaseMs)) !== 1) return { ran: false };
  const renew = setInterval(() => {
    redis.eval(RENEW, 1, leaseKey, token, leaseMs).catch(() => undefined);
  }, opts.renewEveryMs ?? RENEW_EVERY_MS);
  renew.unref();
  const results: T[] = [];
  let held = true;
  try {
    const maxRounds = opts.maxRounds ?? 3;
    for (let round = 1; ; round++) {
      results.push(await poll());
      if (round >= maxRounds) break;
      const next = Number(await redis.eval(CONTINUE_OR_RELEASE, 2, ...keys, token, leaseMs));
      if (next !== 1) {
        held = false;
        break;
      }
    }
    return { ran: true, results };
  } finally {
    clearInterval(renew);
    // After an error or the last round; a mark left now is read by the next tick's poll.
    if (held) await redis.eval(RELEASE, 1, leaseKey, token).catch(() => undefined);
  }
}
