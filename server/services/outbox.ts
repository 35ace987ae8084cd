// Demo outbox: what the local SMTP capture received.
import { db } from '../db/client';

export interface CapturedEmailDto {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
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
    importance: r.importance,
  }));
}
