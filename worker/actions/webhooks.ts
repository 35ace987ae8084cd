// Teams and Slack steps: build the message in core (pure, tested), post it to the webhook
// connection's sealed URL through the outbound guard. The URL is the secret: messages name only
// its host.
import { ActionError } from '@/core/errors';
import { buildTeamsCard } from '@/core/notifications/teams-card';
import { buildSlackMessage } from '@/core/notifications/slack-message';
import { outboundRequest } from '@/server/net/outbound';
import { excerpt, statusError } from '@/server/net/http-status';
import { loadWebhookConnection } from '@/server/services/connections';

const SERVICE_NAME = { teams: 'Teams', slack: 'Slack' } as const;

async function postToWebhook(connectionId: string, service: 'teams' | 'slack', payload: unknown): Promise<{ status: number; ok: boolean }> {
  const conn = await loadWebhookConnection(connectionId);
  const label = `${SERVICE_NAME[service]} webhook "${conn.name}"`;
  if (conn.service !== service && conn.service !== 'generic') {
    throw new ActionError('WrongWebhookService', `${label} is a ${conn.service} webhook; choose a ${SERVICE_NAME[service]} (or generic) webhook connection.`);
  }
  const res = await outboundRequest({
    method: 'POST',
    url: conn.url,
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json, text/plain, */*' },
    body: JSON.stringify(payload),
    timeoutMs: 30_000,
    maxResponseBytes: 64 * 1024,
    label,
  });
  if (res.status < 200 || res.status >= 300) {
    throw statusError(`${SERVICE_NAME[service]}WebhookFailed`, `${label} (${conn.host})`, res.status, res.headers, excerpt(res.body, [conn.url, new URL(conn.url).pathname]));
  }
  return { status: res.status, ok: true };
}

const opt = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

export const WEBHOOK_ACTIONS = {
  'teams.postCard': async (p: Record<string, unknown>) =>
    postToWebhook(
      str(p.connectionId),
      'teams',
      buildTeamsCard({ title: str(p.title), text: opt(p.text), severity: opt(p.severity), machineName: opt(p.machineName), alertId: opt(p.alertId), facts: opt(p.facts) }),
    ),

  'slack.postMessage': async (p: Record<string, unknown>) =>
    postToWebhook(str(p.connectionId), 'slack', buildSlackMessage({ text: str(p.text), title: opt(p.title), fields: opt(p.fields), link: opt(p.link), linkText: opt(p.linkText) })),
};
