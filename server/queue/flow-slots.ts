// Per-flow concurrency limits (a trigger setting, as Power Automate's "concurrency control"):
// each running run of a limited flow holds a slot — a member of a Redis sorted set scored by its
// lease's end — taken atomically by one Lua script on Redis's own clock, renewed while the run
// executes, released when it finishes or pauses. A worker that dies leaves a slot that expires
// with its lease. Runs that find no free slot wait in BullMQ's delayed set and try again.
import type { Redis } from 'ioredis';

const LEASE_MS = 30_000;

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease * 2)
  return 1
end
return 0`;

export interface FlowSlot {
  release(): Promise<void>;
}

export interface FlowSlots {
  /** A slot of the flow's `limit`, or null when all are taken. */
  acquire(flowId: string, runId: string, limit: number): Promise<FlowSlot | null>;
}

interface SlotScripts {
  flowSlotTake(key: string, runId: string, limit: string, leaseMs: string): Promise<number>;
}

export function createFlowSlots(redis: Redis, prefix: string, leaseMs = LEASE_MS): FlowSlots {
  // defineCommand loads the script once per connection (EVALSHA, falling back to EVAL).
  if (typeof (redis as unknown as Partial<SlotScripts>).flowSlotTake !== 'function') {
    redis.defineCommand('flowSlotTake', { numberOfKeys: 1, lua: ACQUIRE });
  }
  const scripts = redis as unknown as SlotScripts;
  const key = (flowId: string) => `${prefix}:flow-slots:${flowId}`;
  const take = (flowId: string, runId: string, limit: number) => scripts.flowSlotTake(key(flowId), runId, String(limit), String(leaseMs));
  return {
    async acquire(flowId, runId, limit) {
      if ((await take(flowId, runId, limit)) !== 1) return null;
      // Renewed while the run executes; taking again as the holder only extends the lease.
      const renew = setInterval(() => void take(flowId, runId, limit).catch(() => undefined), leaseMs / 3);
      renew.unref();
      return {
        async release() {
          clearInterval(renew);
          await redis.zrem(key(flowId), runId).catch(() => undefined);
        },
      };
    },
  };
}
