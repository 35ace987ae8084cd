// Workers cache connections while they hear the change channel (issue 9: the per-email ORM read
// was 12 % of the worker's CPU); an edit through the service still applies to the next step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startHarness, eventually, type Harness } from './harness';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { cachedConnection, startConnectionCache, stopConnectionCache, CONNECTION_CACHE_MS } from '@/server/services/connection-cache';
import { signalConnectionChanged } from '@/server/queue/connection-changes';
import { closeRunSignals } from '@/server/queue/run-signals';
import { updateConnection } from '@/server/services/connections';
import { sendEmail, closeMailTransports } from '@/server/mail/mailer';

let h: Harness;
let sub: Redis;

/** A loader that counts its reads. */
function counting() {
  let reads = 0;
  return { load: async (id: string) => ({ id, read: ++reads }), reads: () => reads };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopConnectionCache();
  await sub?.quit().catch(() => undefined);
  closeMailTransports();
  await closeRunSignals();
  await h.close();
  await db().$disconnect();
});

describe('the connection cache', () => {
  it('reads every time while not hearing the change channel', async () => {
    const c = counting();
    await cachedConnection('t', 'a', c.load);
    await cachedConnection('t', 'a', c.load);
    expect(c.reads()).toBe(2);
  });

  it('reads once while hearing; a change message, a failed read and its lifetime each cause a new read', async () => {
    sub = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    await startConnectionCache(sub);
    const c = counting();
    const [a, b] = await Promise.all([cachedConnection('t', 'x', c.load), cachedConnection('t', 'x', c.load)]);
    expect(a).toBe(b);
    expect(c.reads()).toBe(1);

    await signalConnectionChanged('x');
    await eventually(async () => (await cachedConnection('t', 'x', c.load)).read === 2, 5000, 20);
    expect(c.reads()).toBe(2);
    // Another connection's change leaves this one cached.
    await signalConnectionChanged('y');
    await new Promise((r) => setTimeout(r, 100));
    await cachedConnection('t', 'x', c.load);
    expect(c.reads()).toBe(2);

    await cachedConnection('t', 'x', c.load, Date.now() + CONNECTION_CACHE_MS + 1);
    expect(c.reads()).toBe(3);

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('Postgres away');
      return 'ok';
    };
    await expect(cachedConnection('t', 'z', flaky)).rejects.toThrow('Postgres away');
    fail = false;
    await expect(cachedConnection('t', 'z', flaky)).resolves.toBe('ok');
  });

  it('sends the next email through the edited SMTP connection', async () => {
    const send = (subject: string) => sendEmail(h.smtpId, { to: ['soc@test.local'], subject, body: 'x' });
    await send('before');
    // Nothing listens on port 1: once the edit is heard, sending fails instead of using the cached copy.
    await updateConnection(null, h.smtpId, { port: 1 });
    await eventually(async () => send('while-broken').then(() => false, (e: Error) => e.message.includes('could not be sent')), 10_000, 50);
    await updateConnection(null, h.smtpId, { port: h.smtp.port });
    await eventually(async () => send('after').then(() => true, () => false), 10_000, 50);
    expect(await db().capturedEmail.count({ where: { subject: 'after' } })).toBeGreaterThan(0);
  });
});
