// Health, the demo tenant and this reference itself.
import { z } from 'zod';
import { ZRaiseAlert } from '@/server/services/demo';
import { ZHealth, ZTestAlert } from './responses';
import type { ApiArea } from './types';
import type { SystemOverview } from '@/server/metrics/system-overview';

const iso = z.string().meta({ description: 'ISO 8601 date-time', example: '2026-12-01T12:00:00.000Z' });
/** Each section is read on its own: its figures, or why they could not be read (no hosts or secrets). */
const section = <T extends z.ZodType>(row: T) =>
  z.union([z.object({ ok: z.literal(true), data: z.array(row) }), z.object({ ok: z.literal(false), error: z.string() })]);
const queueCounts = z.object({ waiting: z.number().int(), active: z.number().int(), delayed: z.number().int(), failed: z.number().int(), prioritized: z.number().int() });

const ZSystemOverview = z
  .object({
    generatedAt: iso,
    version: z.string().meta({ description: 'Riposte version (package.json)' }),
    nodeVersion: z.string(),
    workerSeenWithinSeconds: z.number().meta({ description: 'A heartbeat older than this is stale' }),
    stepWindowHours: z.number(),
    pollIntervalSeconds: z.number(),
    workers: section(z.object({ id: z.string(), host: z.string(), pid: z.number().int(), startedAt: iso, lastBeatAt: iso, stale: z.boolean() })),
    queues: section(z.object({ queue: z.enum(['runs', 'poll', 'maintenance', 'schedule']), counts: queueCounts, oldestWaitingSeconds: z.number() })),
    pollLag: section(
      z.object({
        connectionId: z.string(),
        name: z.string(),
        tenantId: z.string().nullable(),
        watermark: iso.nullable(),
        lagSeconds: z.number().nullable().meta({ description: 'riposte_poll_lag_seconds: now minus the watermark; null before the first poll' }),
        polledAt: iso.nullable(),
        pollingStalled: z.boolean(),
      }),
    ),
    runs: section(z.object({ flowId: z.string(), flowName: z.string().nullable(), counts: z.record(z.string(), z.number().int()), total: z.number().int() })),
    steps: section(z.object({ nodeType: z.string(), count: z.number().int(), averageSeconds: z.number(), p95AtMostSeconds: z.number().nullable() })),
    counters: section(
      z.object({
        metric: z.string(),
        help: z.string(),
        labelNames: z.tuple([z.string(), z.string()]),
        values: z.array(z.object({ labels: z.tuple([z.string(), z.string()]), value: z.number() })),
      }),
    ),
  })
  .meta({ id: 'SystemOverview' });

// Compile-time drift guard: what systemOverview() returns is what the document promises.
export const SYSTEM_OVERVIEW_CONFORMS: [SystemOverview] extends [z.output<typeof ZSystemOverview>] ? true : never = true;

export const systemArea: ApiArea = {
  tag: 'System',
  description: 'Probes, the admin system overview, the demo tenant and the API document.',
  operations: [
    { method: 'GET', path: '/api/health', summary: 'Liveness', access: 'public', success: { status: 200, description: 'The process answers', schema: ZHealth } },
    {
      method: 'GET', path: '/api/ready', summary: 'Readiness', description: 'Database, Redis, migrations applied and a worker heartbeat in the last minute; 503 with the failing check otherwise.',
      access: 'public', success: { status: 200, description: 'Each check with ok and timing', schema: z.looseObject({ status: z.enum(['ready', 'not_ready']), checks: z.looseObject({}) }) }, errors: [503],
    },
    {
      method: 'GET', path: '/api/metrics', summary: 'Prometheus metrics', description: 'Prometheus text format (docs/observability.md). Its own token: `Authorization: Bearer <RIPOSTE_METRICS_TOKEN>`; 404 while that is unset, 401 for a wrong token.',
      access: 'public', success: { status: 200, description: 'Metrics in the Prometheus text exposition format', schema: z.string() }, errors: [401, 404],
    },
    {
      method: 'GET', path: '/api/v1/openapi.json', summary: 'This OpenAPI 3.1 document', description: 'Public: it describes the shape of the API and reveals no data or secrets.',
      access: 'public', success: { status: 200, description: 'The document', schema: z.looseObject({ openapi: z.string() }) },
    },
    {
      method: 'GET', path: '/api/v1/system', summary: 'System overview', description: 'What the admin System page shows: worker heartbeats, BullMQ queue depths, alert poll lag per Defender connection, the version, and the /api/metrics figures (runs, step durations, worker counters), read by the same code. Admins only.',
      access: 'system:read', success: { status: 200, description: 'The overview; a section that could not be read carries ok: false and a reason', schema: ZSystemOverview },
    },
    { method: 'POST', path: '/api/v1/demo/alerts', summary: 'Raise a test alert on the demo tenant', access: 'demo:use', body: ZRaiseAlert, success: { status: 200, description: 'The alert', schema: ZTestAlert }, errors: [404, 502] },
  ],
};
