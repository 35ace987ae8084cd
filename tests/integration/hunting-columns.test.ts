// "Get columns" of a hunting step: the designer's server action runs the step's query once
// against the simulator through the real MDE client and the shared rate limiter, for editors
// only, with tokens filled in from the latest run, and reports Defender's errors plainly.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHarness } from './lifecycle';
import { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createSession, SESSION_COOKIE } from '@/server/auth/sessions';
import { createFlow, publishFlow } from '@/server/services/flows';
import { closeDesignerLimiter } from '@/server/services/hunting-columns';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';

// Server actions read the session cookie through next/headers; here it is whoever signed in last.
const session: { token?: string } = {};
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === SESSION_COOKIE && session.token ? { name, value: session.token } : undefined) }),
  headers: async () => new Headers(),
}));

const { huntingColumnsAction } = await import('@/app/(app)/flows/[id]/hunting-columns-actions');

const life = useHarness({ seedFlowOn: false });
let flowId: string;

async function signIn(role: 'editor' | 'viewer') {
  const user = await db().user.create({ data: { email: `${role}-${Date.now()}@test.local`, passwordHash: 'x', role } });
  session.token = (await createSession(user.id)).token;
}

const QUERY = 'DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName, OSPlatform';

beforeEach(async () => {
  const graph = buildGraph(
    [
      buildNode('trigger', 'schedule.recurrence', { mode: 'interval', every: 1, unit: 'hours' }),
      buildNode('hunt', 'defender.runHuntingQuery', { connectionId: life.h.defenderId, query: QUERY }),
    ],
    [buildEdge('trigger', 'hunt')],
  );
  flowId = (await createFlow(null, { name: 'Columns', graph })).id;
  await signIn('editor');
});

afterAll(async () => {
  await closeDesignerLimiter();
});

const ask = (over: Record<string, unknown> = {}) =>
  huntingColumnsAction({ flowId, connectionId: life.h.defenderId, query: QUERY, api: 'graph', ...over });

describe('Get columns (server action)', () => {
  it('runs the query once through Graph, a few rows only, and returns the schema', async () => {
    const result = await ask();
    expect(result).toMatchObject({ ok: true, api: 'graph', usedRunValues: false });
    if (!result.ok) throw new Error(result.message);
    expect(result.columns).toEqual([
      { name: 'DeviceId', type: 'String' },
      { name: 'DeviceName', type: 'String' },
      { name: 'OSPlatform', type: 'String' },
    ]);
    const calls = await life.h.calls('/v1.0/security/runHuntingQuery', 'POST');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ Query: `${QUERY}\n| take 10` });
    // The call booked a slot in the tenant's shared hunting budget, like a run's would.
    const redis = new Redis(env().REDIS_URL);
    const keys = await redis.keys(`${env().RIPOSTE_QUEUE_PREFIX}:rl:*`);
    await redis.quit();
    expect(keys.some((k) => k.endsWith(':hunting'))).toBe(true);
  });

  it('uses the MDE endpoint when the step chooses it', async () => {
    const result = await ask({ api: 'mde' });
    expect(result).toMatchObject({ ok: true, api: 'mde' });
    expect(await life.h.calls('/api/advancedqueries/run', 'POST')).toHaveLength(1);
  });

  it('refuses a viewer, without calling Defender', async () => {
    await signIn('viewer');
    expect(await ask()).toEqual({ ok: false, code: 'Unauthorized', message: 'Your role does not allow this.' });
    session.token = undefined;
    expect(await ask()).toMatchObject({ ok: false, code: 'Unauthorized' });
    expect(await life.h.calls('runHuntingQuery')).toHaveLength(0);
  });

  it('refuses a query with tokens when the flow has not run, and fills them in from the latest run', async () => {
    const withToken = 'DeviceInfo\n| where DeviceName == "{{ trigger.name }}"\n| project DeviceId';
    expect(await ask({ query: withToken })).toEqual({
      ok: false,
      code: 'BadRequest',
      message: 'The query uses tokens; run the flow once or remove them to get columns.',
    });
    expect(await life.h.calls('runHuntingQuery')).toHaveLength(0);

    await publishFlow(null, flowId);
    const { publishedVersionId } = await db().flow.findUniqueOrThrow({ where: { id: flowId }, select: { publishedVersionId: true } });
    await db().run.create({ data: { flowId, flowVersionId: publishedVersionId!, status: 'succeeded', triggerKind: 'schedule', triggerData: { name: 'srv"01' } } });
    const result = await ask({ query: withToken });
    expect(result).toMatchObject({ ok: true, usedRunValues: true, columns: [{ name: 'DeviceId', type: 'String' }] });
    const calls = await life.h.calls('/v1.0/security/runHuntingQuery', 'POST');
    // Escaped as KQL string content, exactly as a run would insert it.
    expect(calls[0]?.body).toEqual({ Query: 'DeviceInfo\n| where DeviceName == "srv\\"01"\n| project DeviceId\n| take 10' });
  });

  it('reports bad KQL, 403 and 429 in words', async () => {
    const bad = await ask({ query: 'DeviceInfo | frobnicate' });
    expect(bad).toMatchObject({ ok: false, code: 'InvalidQuery' });
    expect(bad.ok ? '' : bad.message).toMatch(/^Defender could not run the query: /);

    await fetch(`${life.h.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'runHuntingQuery', status: 403, times: 1 }) });
    const forbidden = await ask();
    expect(forbidden).toMatchObject({ ok: false, code: 'DefenderForbidden' });
    expect(forbidden.ok ? '' : forbidden.message).toContain('ThreatHunting.Read.All');

    await fetch(`${life.h.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'runHuntingQuery', status: 429, retryAfterSeconds: 30, times: 2 }) });
    const limited = await ask();
    expect(limited).toEqual({ ok: false, code: 'RateLimited', message: "Defender's hunting limit is used up for now. Try again in 30 s." });
  });

  it('validates the request before calling Defender', async () => {
    expect(await ask({ connectionId: '' })).toEqual({ ok: false, code: 'BadRequest', message: 'Choose a Defender connection first' });
    expect(await ask({ query: '  ' })).toEqual({ ok: false, code: 'BadRequest', message: 'Write a query first' });
    expect(await ask({ api: 'mde', timespan: 'P1D' })).toMatchObject({ ok: false, code: 'BadRequest' });
    expect(await huntingColumnsAction({ flowId: 'nope', connectionId: life.h.defenderId, query: QUERY, api: 'graph' })).toMatchObject({ ok: false, code: 'BadRequest' });
    expect(await life.h.calls('runHuntingQuery')).toHaveLength(0);
  });
});
