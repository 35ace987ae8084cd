// Demo mode's first start: the demo tenant, outbox and Teams / Slack channels exist once, however
// often it runs, and the channels follow the webhook capture's port.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { bootstrap } from '@/server/services/bootstrap';
import { loadWebhookConnection } from '@/server/services/connections';
import { resetDatabase } from './harness';

beforeEach(resetDatabase);
afterAll(async () => {
  await db().$disconnect();
});

const demo = { simulatorUrl: 'https://localhost:3999', smtpPort: 2999 };

describe('demo bootstrap', () => {
  it('creates the demo Teams and Slack channels once, posting to the local capture', async () => {
    await bootstrap({ ...demo, webhookPort: 2998 });
    await bootstrap({ ...demo, webhookPort: 2998 });
    const channels = await db().connection.findMany({ where: { kind: 'webhook', isDemo: true }, orderBy: { name: 'asc' } });
    expect(channels.map((c) => [c.name, c.config])).toEqual([
      ['Demo Slack channel', { service: 'slack', host: 'localhost:2998' }],
      ['Demo Teams channel', { service: 'teams', host: 'localhost:2998' }],
    ]);
    expect((await loadWebhookConnection(channels[1]!.id)).url).toBe('https://localhost:2998/teams/soc');
  });

  it('moves the channels when the capture port changes, keeping their ids', async () => {
    await bootstrap({ ...demo, webhookPort: 2998 });
    const before = await db().connection.findMany({ where: { kind: 'webhook' }, select: { id: true } });
    await bootstrap({ ...demo, webhookPort: 2997 });
    const after = await db().connection.findMany({ where: { kind: 'webhook' } });
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    const urls = await Promise.all(after.map(async (c) => (await loadWebhookConnection(c.id)).url));
    expect(urls.sort()).toEqual(['https://localhost:2997/slack/soc', 'https://localhost:2997/teams/soc']);
  });

  it('makes no channels without a capture', async () => {
    await bootstrap(demo);
    expect(await db().connection.count({ where: { kind: 'webhook' } })).toBe(0);
  });
});
