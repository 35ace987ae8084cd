// "Test connection": for Defender, get a token and list one alert; for SMTP, verify the server;
// for a webhook, check the outbound guard allows its host (nothing is posted); for HTTP
// credentials, fetch an OAuth token (basic and bearer have nothing to try without a request).
import nodemailer from 'nodemailer';
import { db } from '../db/client';
import { createMdeClient } from '../defender/mde-client';
import { loadDefenderConnection, loadSmtpConnection, loadWebhookConnection } from './connections';
import { checkDestination } from '../net/outbound';
import { authFor } from '../net/http-auth';
import { notFound } from './errors';

export async function testConnection(id: string): Promise<{ ok: boolean; message: string }> {
  const row = await db().connection.findUnique({ where: { id }, select: { kind: true } }).catch(() => null);
  if (!row) throw notFound(`Connection ${id}`);
  try {
    if (row.kind === 'defender') {
      await createMdeClient(await loadDefenderConnection(id)).testConnection();
    } else if (row.kind === 'webhook') {
      const c = await loadWebhookConnection(id);
      await checkDestination(new URL(c.url), `Webhook "${c.name}"`);
      return { ok: true, message: `${c.host} is allowed by the outbound policy (no message was posted)` };
    } else if (row.kind === 'http') {
      const auth = await authFor(id);
      return { ok: true, message: auth.authorization.startsWith('Bearer') ? 'Credentials are ready (an OAuth token is fetched when the connection uses one)' : 'Credentials are ready' };
    } else {
      const c = await loadSmtpConnection(id);
      const t = nodemailer.createTransport({ host: c.host, port: c.port, secure: c.secure, auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined });
      await t.verify();
      t.close();
    }
    return { ok: true, message: 'Connection works' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
