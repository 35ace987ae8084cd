// Live run views: GET /api/v1/runs/{id}/events and GET /api/v1/runs/events through the real route
// handlers (Bearer tokens), Redis pub/sub, Postgres and an in-process worker.
import { afterAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { Redis } from 'ioredis';
import { eventually, flushQueues } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createApiToken } from '@/server/auth/sessions';
import { pollConnection } from '@/worker/poll-alerts';
import { signalRunsQueued } from '@/server/queue/run-signals';
import { publishRunEvent } from '@/server/queue/run-events';
import { closeRunEventHub } from '@/server/queue/run-event-hub';
import { StepRecorder } from '@/worker/step-recorder';
import { runDetailStream } from '@/server/live/run-streams';
import { GET as runEvents } from '@/app/api/v1/runs/[id]/events/route';
import { GET as listEvents } from '@/app/api/v1/runs/events/route';

const life = useHarness({ seedFlowOn: false });

afterAll(async () => {
  await closeRunEventHub();
});

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads server-sent events from a response body as they arrive. */
function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: SseEvent[] = [];
  let done = false;
  const pump = async () => {
    const { value, done: end } = await reader.read();
    if (end) {
      done = true;
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) queue.push({ event, data: JSON.parse(data) });
    }
  };
  return {
    /** The next event (waiting up to `timeoutMs`), or null when the stream ended. */
    async next(timeoutMs = 10_000): Promise<SseEvent | null> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0 && !done) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No event within ${timeoutMs} ms`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([pump(), new Promise((r) => (timer = setTimeout(r, left)))]);
        clearTimeout(timer);
      }
      return queue.shift() ?? null;
    },
    get ended() {
      return done;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

async function viewerToken(): Promise<string> {
  const user = await db().user.create({ data: { email: `viewer-${Date.now()}@test.local`, passwordHash: 'x', role: 'viewer' } });
  return createApiToken(user.id, 'viewer token', 'viewer');
}

function get(url: string, token: string | null, controller = new AbortController()): NextRequest {
  return new NextRequest(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
}

/** A run of the seed flow, queued and not yet executed (no worker runs in these tests unless started). */
async function queuedRun(): Promise<string> {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId } });
  const run = await db().run.create({
    data: { flowId: flow.id, flowVersionId: flow.publishedVersionId as string, triggerKind: 'manual', triggerData: { id: 'da-test', title: 'Test alert' } },
  });
  return run.id;
}

describe('GET /api/v1/runs/{id}/events', () => {
  it('refuses an anonymous request and a run that does not exist', async () => {
    const runId = await queuedRun();
    const anonymous = await runEvents(get(`http://localhost/api/v1/runs/${runId}/events`, null), { params: Promise.resolve({ id: runId }) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).not.toContain('text/event-stream');
    const token = await viewerToken();
    const missing = '00000000-0000-4000-8000-000000000404';
    const res = await runEvents(get(`http://localhost/api/v1/runs/${missing}/events`, token), { params: Promise.resolve({ id: missing }) });
    expect(res.status).toBe(404);
    expect(((await listEvents(get('http://localhost/api/v1/runs/events', null), { params: Promise.resolve({}) })) as Response).status).toBe(401);
  });

  it('a viewer subscribes; a step finishing produces a new version at once; the stream ends with the run', async () => {
    const runId = await queuedRun();
    const token = await viewerToken();
    const controller = new AbortController();
    const res = await runEvents(get(`http://localhost/api/v1/runs/${runId}/events`, token, controller), { params: Promise.resolve({ id: runId }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = sseReader(res);
    const first = await events.next();
    expect(first).toMatchObject({ event: 'version', data: { status: 'queued' } });
    await events.cancel();
    controller.abort();

    // Straight on the stream with the fallback timer off: only the pub/sub event can wake it.
    const quiet = new AbortController();
    const stream = sseReader(await runDetailStream(runId, quiet.signal, { pollMs: 600_000 }));
    const start = (await stream.next()) as SseEvent;
    const redis = new Redis(env().REDIS_URL);
    try {
      await db().run.update({ where: { id: runId }, data: { status: 'running', startedAt: new Date() } });
      const recorder = new StepRecorder(db(), runId, { autoFlushMs: 50, onFlushed: () => void publishRunEvent(redis, { kind: 'steps', runIds: [runId] }) });
      const now = new Date();
      recorder.record({ nodeId: 'trigger', iteration: '', type: 'defender.alertCreated', status: 'succeeded', input: null, output: null, attempt: 1, seq: 1, startedAt: now, finishedAt: now });
      const stepped = (await stream.next(5000)) as SseEvent;
      expect(stepped.event).toBe('version');
      expect((stepped.data as { version: string }).version).not.toBe((start.data as { version: string }).version);
      expect(stepped.data).toMatchObject({ status: 'running' });

      await db().run.update({ where: { id: runId }, data: { status: 'succeeded', finishedAt: new Date() } });
      await publishRunEvent(redis, { kind: 'status', runIds: [runId], status: 'succeeded' });
      expect(await stream.next(5000)).toMatchObject({ event: 'version', data: { status: 'succeeded' } });
      expect(await stream.next(5000)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });
      expect(await stream.next(5000)).toBeNull();
    } finally {
      quiet.abort();
      await redis.quit();
    }
  });

  it('follows a run the worker executes, and the list stream announces it when it is queued', async () => {
    const token = await viewerToken();
    const listAbort = new AbortController();
    const list = sseReader(await listEvents(get('http://localhost/api/v1/runs/events', token, listAbort), { params: Promise.resolve({}) }));
    expect(await list.next()).toMatchObject({ event: 'ready' });

    // The seed flow is off: switch it on so the poll makes a run for a High alert.
    await db().flow.update({ where: { id: life.h.flowId }, data: { enabled: true } });
    const alert = await life.h.raise('High');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    expect(runIds).toHaveLength(1);
    const runId = runIds[0] as string;
    const detailAbort = new AbortController();
    const detail = sseReader(await runEvents(get(`http://localhost/api/v1/runs/${runId}/events`, token, detailAbort), { params: Promise.resolve({ id: runId }) }));
    expect(await detail.next()).toMatchObject({ event: 'version', data: { status: 'queued' } });

    await signalRunsQueued(runIds);
    const announced = (await list.next()) as SseEvent;
    expect(announced).toMatchObject({ event: 'runs', data: { queued: true } });
    expect((announced.data as { runIds: string[] }).runIds).toContain(runId);

    await life.startWorker({ pollIntervalSeconds: 3600 });
    const statuses: string[] = [];
    for (;;) {
      const e = await detail.next(30_000);
      if (e === null) break;
      if (e.event === 'version') statuses.push((e.data as { status: string }).status);
    }
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses).toContain('running');
    // Steps landed while the run ran, each write a version of its own.
    expect(statuses.filter((s) => s === 'running').length).toBeGreaterThanOrEqual(2);
    const run = await eventually(() => db().run.findFirst({ where: { id: runId, status: 'succeeded' }, include: { steps: true } }));
    expect(run.steps.find((s) => s.nodeId === 'isolate')?.status).toBe('succeeded');
    expect(alert.id).toBe(run.alertId);
    listAbort.abort();
    detailAbort.abort();
    await list.cancel();
    await flushQueues();
  });
});

describe('GET /api/v1/runs/events', () => {
  it('says ready only once it is subscribed: an event published right after ready is delivered', async () => {
    // A fresh process-wide subscription, as for the first viewer after the web server starts.
    await closeRunEventHub();
    const token = await viewerToken();
    const runId = await queuedRun();
    const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const abort = new AbortController();
    try {
      const list = sseReader(await listEvents(get('http://localhost/api/v1/runs/events', token, abort), { params: Promise.resolve({}) }));
      expect(await list.next()).toMatchObject({ event: 'ready' });
      await publishRunEvent(redis, { kind: 'queued', runIds: [runId] });
      expect(await list.next(5000)).toMatchObject({ event: 'runs', data: { queued: true, runIds: [runId] } });
      await list.cancel();
    } finally {
      abort.abort();
      await redis.quit();
    }
  });
});
