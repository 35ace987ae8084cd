// Demo outbox: what the local SMTP capture received.
import { db } from '../db/client';

export interface CapturedEmailDto {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  importance: string | null;
}

export async function listCapturedEmails(limit = 100): Promise<CapturedEmailDto[]> {
  const rows = await db().capturedEmail.findMany({ orderBy: { receivedAt: 'desc' }, take: Math.min(limit, 500) });
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    from: r.from,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    importance: r.importance,
  }));
}

export interface CapturedWebhookDto {
  id: string;
  receivedAt: string;
  service: string;
  path: string;
  contentType: string | null;
  body: string;
}

/** What the demo webhook capture received (Teams cards, Slack messages, generic posts). */
export async function listCapturedWebhooks(limit = 100): Promise<CapturedWebhookDto[]> {
  const rows = await db().capturedWebhook.findMany({ orderBy: { receivedAt: 'desc' }, take: Math.min(limit, 500) });
  return rows.map((r) => ({ id: r.id, receivedAt: r.receivedAt.toISOString(), service: r.service, path: r.path, contentType: r.contentType, body: r.body }));
}
