// Defender API quota per tenant, for the dashboard: how much of each API family's budget the
// shared rate limiter (server/defender/rate-limit) has granted in the current minute and hour.
// Read-only: it counts the limiter's Redis sliding-window logs, it never books a slot.
import type { Redis } from 'ioredis';
import { db } from '../db/client';
import { env } from '../env';
import { producerConnection } from '../queue/connection';
import { API_FAMILIES, type ApiFamily } from '../defender/rate-limit/families';
import { familyWindows, ZRateLimitOverrides, ZRateLimitWindows } from '../defender/rate-limit/limits';
import { rateLimitKey } from '../defender/rate-limit/call-gate';

export interface FamilyUsage {
  family: ApiFamily;
  minute: { used: number; limit: number };
  hour: { used: number; limit: number };
  /** Set while a 429's Retry-After holds every worker off this family. */
  heldUntil: string | null;
}

export interface TenantQuota {
  tenantId: string;
  /** The Defender connections on this tenant (they share one budget). */
  connections: { id: string; name: string; isDemo: boolean }[];
  families: FamilyUsage[];
}

export type QuotaResult = { ok: true; tenants: TenantQuota[] } | { ok: false; error: string };

const holder = globalThis as unknown as { riposteQuotaRedis?: Redis };

function redis(): Redis {
  if (!holder.riposteQuotaRedis) {
    holder.riposteQuotaRedis = producerConnection();
    // Fail fast: the panel says "unavailable" instead of the page waiting on Redis.
    holder.riposteQuotaRedis.on('error', () => undefined);
  }
  return holder.riposteQuotaRedis;
}

export async function closeQuotaRedis(): Promise<void> {
  const r = holder.riposteQuotaRedis;
  holder.riposteQuotaRedis = undefined;
  await r?.quit().catch(() => undefined);
}

export async function defenderQuota(client: Redis = redis()): Promise<QuotaResult> {
  const rows = await db().connection.findMany({ where: { kind: 'defender' }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true, isDemo: true, config: true } });
  // Connections of one tenant share its budget (the limiter keys by tenant): one row per tenant,
  // with the limits of its first connection (the one whose overrides the limiter uses is not
  // knowable here when two disagree; they normally do not).
  const tenants = new Map<string, { conns: TenantQuota['connections']; config: Record<string, unknown> }>();
  for (const r of rows) {
    const config = (r.config ?? {}) as Record<string, unknown>;
    const tenantId = typeof config.tenantId === 'string' ? config.tenantId : '';
    if (tenantId === '') continue;
    const t = tenants.get(tenantId) ?? { conns: [], config };
    t.conns.push({ id: r.id, name: r.name, isDemo: r.isDemo });
    tenants.set(tenantId, t);
  }
  if (tenants.size === 0) return { ok: true, tenants: [] };
  const prefix = env().RIPOSTE_QUEUE_PREFIX;
  try {
    const [seconds, micros] = await client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const pipeline = client.pipeline();
    const plan: { tenantId: string; family: ApiFamily; minute: { limit: number; windowMs: number }; hour: { limit: number; windowMs: number } }[] = [];
    for (const [tenantId, t] of tenants) {
      const overrides = ZRateLimitOverrides.safeParse(t.config.rateLimits ?? {});
      const windows = ZRateLimitWindows.safeParse(t.config.rateLimitWindows ?? {});
      const fw = familyWindows(overrides.success ? overrides.data : {}, windows.success ? windows.data : {});
      for (const family of API_FAMILIES) {
        const [minute, hour] = fw[family];
        const key = rateLimitKey(prefix, tenantId, family);
        // Granted calls in the window, including slots booked for the next moments.
        pipeline.zcount(key, `(${now - minute.windowMs}`, '+inf');
        pipeline.zcount(key, `(${now - hour.windowMs}`, '+inf');
        pipeline.get(`${key}:hold`);
        plan.push({ tenantId, family, minute, hour });
      }
    }
    const results = (await pipeline.exec()) ?? [];
    const value = (i: number) => {
      const [err, v] = results[i] ?? [null, null];
      if (err) throw err;
      return v;
    };
    const byTenant = new Map<string, FamilyUsage[]>();
    plan.forEach((p, i) => {
      const hold = value(i * 3 + 2);
      const holdMs = typeof hold === 'string' ? Number(hold) : 0;
      const list = byTenant.get(p.tenantId) ?? [];
      list.push({
        family: p.family,
        minute: { used: Number(value(i * 3)), limit: p.minute.limit },
        hour: { used: Number(value(i * 3 + 1)), limit: p.hour.limit },
        heldUntil: holdMs > now ? new Date(holdMs).toISOString() : null,
      });
      byTenant.set(p.tenantId, list);
    });
    return { ok: true, tenants: [...tenants].map(([tenantId, t]) => ({ tenantId, connections: t.conns, families: byTenant.get(tenantId) ?? [] })) };
  } catch (err) {
    return { ok: false, error: `The rate limiter's counters could not be read from Redis (${err instanceof Error ? err.message : String(err)}).` };
  }
}
