// "Test connection": for Defender, get a token and list one alert; for SMTP, verify the server.
import nodemailer from 'nodemailer';
import { db } from '../db/client';
import { createMdeClient } from '../defender/mde-client';
import { loadDefenderConnection, loadSmtpConnection } from './connections';
import { notFound } from './errors';

export async function testConnection(id: string): Promise<{ ok: boolean; message: string }> {
  const row = await db().connection.findUnique({ where: { id }, select: { kind: true } }).catch(() => null);
  if (!row) throw notFound(`Connection ${id}`);
  try {
    if (row.kind === 'defender') {
      await createMdeClient(await loadDefenderConnection(id)).testConnection();
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
