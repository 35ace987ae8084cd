// The demo webhook capture answers like Teams Workflows (202) and Slack (200 "ok"), stores what
// it received for the Outbox, and refuses what a webhook would not accept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { startWebhookCapture } from '@/server/notifications/webhook-capture';
import { listCapturedWebhooks } from '@/server/services/outbox';

const root = path.resolve(import.meta.dirname, '../..');
let capture: Awaited<ReturnType<typeof startWebhookCapture>>;

beforeAll(async () => {
  capture = await startWebhookCapture({
    port: 0,
    tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) },
  });
});
afterAll(async () => {
  await capture.close();
  await db().$disconnect();
});
beforeEach(async () => {
  await db().capturedWebhook.deleteMany();
});

const post = (p: string, body: string, method = 'POST') =>
  fetch(`${capture.url}${p}`, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body } : {}) });

describe('webhook capture', () => {
  it('answers a Teams post with 202 and a Slack post with 200 "ok", and stores both', async () => {
    const teams = await post('/teams/soc', '{"type":"message","attachments":[]}');
    expect(teams.status).toBe(202);
    const slack = await post('/slack/soc', '{"text":"hi"}');
    expect(slack.status).toBe(200);
    expect(await slack.text()).toBe('ok');
    const generic = await post('/hooks/x', '{"a":1}');
    expect(generic.status).toBe(200);

    const stored = await listCapturedWebhooks();
    expect(stored.map((s) => [s.service, s.path, s.body])).toEqual([
      ['generic', '/hooks/x', '{"a":1}'],
      ['slack', '/slack/soc', '{"text":"hi"}'],
      ['teams', '/teams/soc', '{"type":"message","attachments":[]}'],
    ]);
    expect(stored[0]?.contentType).toBe('application/json');
  });

  it('refuses other methods and bodies over 1 MB, storing nothing', async () => {
    expect((await post('/teams/soc', '', 'GET')).status).toBe(405);
    const big = await post('/teams/soc', 'x'.repeat(1024 * 1024 + 10)).catch(() => null);
    // The capture answers 413 or closes the connection mid-upload; either way nothing is kept.
    if (big) expect(big.status).toBe(413);
    expect(await db().capturedWebhook.count()).toBe(0);
  });
});
