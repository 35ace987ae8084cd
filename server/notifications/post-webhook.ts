// Posting a message to a webhook connection (Teams / Slack / generic): the sealed URL is opened
// here and the call goes through the outbound guard. The URL is the secret: errors name only
// its host. Used by the Teams and Slack steps and by failure notifications.
import { ActionError } from '@/core/errors';
import { outboundRequest } from '../net/outbound';
import { excerpt, statusError } from '../net/http-status';
import { loadWebhookConnection } from '../services/connections';

const SERVICE_NAME = { teams: 'Teams', slack: 'Slack' } as const;

export async function postToWebhook(connectionId: string, service: 'teams' | 'slack', payload: unknown): Promise<{ status: number; ok: boolean }> {
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

