// Webhook and HTTP connections through POST /api/v1/connections: secrets (the webhook URL, the
// password, token or client secret) are sealed at rest and never returned; inputs are validated
// per kind and auth type; the loaders open them for the worker.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import './setup-env';
import { resetDatabase } from './harness';
import { db } from '@/server/db/client';
import { createApiToken } from '@/server/auth/sessions';
import { loadHttpConnection, loadWebhookConnection, ZHttpConnectionInput, ZWebhookConnectionInput } from '@/server/services/connections';
import { GET, POST } from '@/app/api/v1/connections/route';

let token = '';

beforeEach(async () => {
  await resetDatabase();
  const admin = await db().user.create({ data: { email: 'admin@test.local', passwordHash: 'x', role: 'admin' } });
  token = await createApiToken(admin.id, 'admin token', 'admin');
});

afterAll(async () => {
  await db().$disconnect();
});

async function post(body: unknown) {
  const req = new NextRequest('http://localhost/api/v1/connections', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const res = await POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; error?: { code: string; message: string } } };
}

const TEAMS_URL = 'https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/0123/456?sig=SECRETSIG';

describe('webhook connections', () => {
  it('seals the URL and shows only the service and host', async () => {
    const res = await post({ kind: 'webhook', name: 'SOC channel', service: 'teams', url: TEAMS_URL });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'webhook', name: 'SOC channel', config: { service: 'teams', host: 'contoso.webhook.office.com' }, hasSecret: true });
    expect(JSON.stringify(res.body)).not.toContain('SECRETSIG');
    const row = await db().connection.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.secret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('SECRETSIG');
    expect(JSON.stringify(row)).not.toContain('webhookb2');
    const list = await GET(new NextRequest('http://localhost/api/v1/connections', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    expect(await list.text()).not.toContain('SECRETSIG');
    expect(await loadWebhookConnection(res.body.id)).toMatchObject({ service: 'teams', url: TEAMS_URL });
  });

  it('requires https and a known service', async () => {
    expect((await post({ kind: 'webhook', name: 'x', service: 'teams', url: 'http://contoso.example/hook' })).status).toBe(400);
    expect((await post({ kind: 'webhook', name: 'x', service: 'discord', url: TEAMS_URL })).status).toBe(400);
    expect(ZWebhookConnectionInput.safeParse({ kind: 'webhook', name: 'x', service: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }).success).toBe(true);
  });
});

describe('HTTP connections', () => {
  it('basic: username public, password sealed', async () => {
    const res = await post({ kind: 'http', name: 'SOAR', authType: 'basic', username: 'svc', password: 'pa55word!' });
    expect(res.body).toMatchObject({ kind: 'http', config: { authType: 'basic', username: 'svc' }, hasSecret: true });
    expect(JSON.stringify(await db().connection.findUniqueOrThrow({ where: { id: res.body.id } }))).not.toContain('pa55word!');
    expect(await loadHttpConnection(res.body.id)).toMatchObject({ authType: 'basic', username: 'svc', password: 'pa55word!' });
  });

  it('bearer and OAuth 2.0: token and client secret sealed; fields the auth type does not use are dropped', async () => {
    const bearer = await post({ kind: 'http', name: 'Ticketing', authType: 'bearer', token: 'tkn-123', username: 'ignored', password: 'ignored-too' });
    expect(bearer.body.config).toEqual({ authType: 'bearer' });
    expect(await loadHttpConnection(bearer.body.id)).toMatchObject({ token: 'tkn-123', password: undefined });
    const oauth = await post({ kind: 'http', name: 'SOAR', authType: 'oauth2', tokenUrl: 'https://login.example/token', clientId: 'riposte', clientSecret: 'cs-456', scope: '' });
    expect(oauth.body.config).toEqual({ authType: 'oauth2', tokenUrl: 'https://login.example/token', clientId: 'riposte' });
    expect(JSON.stringify(oauth.body)).not.toContain('cs-456');
    expect(await loadHttpConnection(oauth.body.id)).toMatchObject({ clientSecret: 'cs-456' });
  });

  it('validates per auth type, with the field that is missing', () => {
    const issues = (input: Record<string, unknown>) => {
      const r = ZHttpConnectionInput.safeParse({ kind: 'http', name: 'x', ...input });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ authType: 'basic', username: 'u' })).toEqual(['password: Basic authentication needs a password']);
    expect(issues({ authType: 'bearer', token: ' ' })).toEqual(['token: Bearer authentication needs a token']);
    expect(issues({ authType: 'oauth2', tokenUrl: 'http://login.example/token', clientId: 'c', clientSecret: 's' })).toEqual(['tokenUrl: must be an https URL']);
    expect(issues({ authType: 'oauth2' })).toHaveLength(3);
    expect(issues({ authType: 'digest' })).toHaveLength(1);
  });
});
