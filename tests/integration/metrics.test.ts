// /api/metrics after a real run: poller → worker → simulator, then a scrape of the route handler.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { GET } from '@/app/api/metrics/route';

const life = useHarness();
const TOKEN = 'metrics-token-for-the-test-0123';

function scrape(auth?: string): Promise<Response> {
  return GET(new Request('http://localhost/api/metrics', { headers: auth === undefined ? {} : { authorization: auth } }));
}

function withToken<T>(token: string | undefined, fn: () => Promise<T>): Promise<T> {
  const before = process.env.RIPOSTE_METRICS_TOKEN;
  if (token === undefined) delete process.env.RIPOSTE_METRICS_TOKEN;
  else process.env.RIPOSTE_METRICS_TOKEN = token;
  resetEnvCache();
  return fn().finally(() => {
    if (before === undefined) delete process.env.RIPOSTE_METRICS_TOKEN;
    else process.env.RIPOSTE_METRICS_TOKEN = before;
    resetEnvCache();
  });
}

/** The value of one sample line, e.g. `riposte_runs{flow_id="…",status="succeeded"}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /api/metrics', () => {
  it('is 404 with a message while no token is configured, 401 for a wrong token', async () => {
    await withToken(undefined, async () => {
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('RIPOSTE_METRICS_TOKEN');
    });
    await withToken(TOKEN, async () => {
      expect((await scrape()).status).toBe(401);
      expect((await scrape('Bearer wrong-token')).status).toBe(401);
    });
  });

  it('shows the run, its step durations, the queues and the poll lag after a real run', async () => {
    await life.startWorker();
    await life.h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId: life.h.flowId, status: 'succeeded' }, include: { steps: true } });
      return r ?? null;
    });
    const text = await withToken(TOKEN, async () => {
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return res.text();
    });
    expect(sample(text, 'riposte_runs', { flow_id: life.h.flowId, status: 'succeeded' })).toBeGreaterThanOrEqual(1);
    const types = [...new Set(run.steps.filter((s) => s.finishedAt !== null && s.startedAt !== null).map((s) => s.type))];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect(sample(text, 'riposte_step_duration_seconds_count', { node_type: type })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'riposte_step_duration_seconds_bucket', { node_type: type, le: '+Inf' })).toBeGreaterThanOrEqual(1);
    }
    expect(sample(text, 'riposte_mde_calls_total', { status: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# HELP riposte_rate_limiter_total');
    expect(sample(text, 'riposte_queue_jobs', { queue: 'runs', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# HELP riposte_queue_oldest_waiting_seconds');
    expect(sample(text, 'riposte_poll_lag_seconds', { connection_id: life.h.defenderId })).toBeLessThan(600);
  });
});
