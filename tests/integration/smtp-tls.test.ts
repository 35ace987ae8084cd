// SMTP connections' TLS mode against real SMTP servers: "tls" speaks TLS from the first byte,
// "starttls" requires the upgrade (a server that does not offer it gets no mail), "none" never
// upgrades; and the migration maps the old `secure` switch onto the mode.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { closeMailTransports, sendEmail } from '@/server/mail/mailer';
import { createConnection, loadSmtpConnection, updateConnection } from '@/server/services/connections';
import { resetDatabase } from './harness';
import { startSmtpRecorder, type SmtpRecorder } from './smtp-recorder';

let servers: SmtpRecorder[] = [];
async function server(mode: 'starttls' | 'plain' | 'tls') {
  const s = await startSmtpRecorder(mode);
  servers.push(s);
  return s;
}
const mail = { to: ['soc@test.local'], subject: 'TLS check', body: 'x' };

beforeEach(async () => resetDatabase());
afterEach(async () => {
  closeMailTransports();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
afterAll(async () => db().$disconnect());

describe('SMTP TLS mode', () => {
  it('starttls: the mail goes over the upgraded, encrypted session', async () => {
    const smtp = await server('starttls');
    const conn = await createConnection(null, { kind: 'smtp', name: 'Relay', host: 'localhost', port: smtp.port, tlsMode: 'starttls', from: 'r@test.local' });
    await sendEmail(conn.id, mail);
    expect(smtp.mails.map((m) => m.encrypted)).toEqual([true]);
  });

  it('starttls: a server that does not offer STARTTLS gets no mail (a permanent failure: retrying cannot help)', async () => {
    const smtp = await server('plain');
    const conn = await createConnection(null, { kind: 'smtp', name: 'Stripped', host: 'localhost', port: smtp.port, tlsMode: 'starttls', from: 'r@test.local' });
    await expect(sendEmail(conn.id, mail)).rejects.toMatchObject({ code: 'SmtpRejected', retryable: false, message: expect.stringMatching(/STARTTLS/i) });
    expect(smtp.mails).toEqual([]);
  });

  it('tls: TLS from the first byte; none: plain text even where STARTTLS is offered', async () => {
    const implicit = await server('tls');
    const tls = await createConnection(null, { kind: 'smtp', name: 'Implicit', host: 'localhost', port: implicit.port, tlsMode: 'tls', from: 'r@test.local' });
    await sendEmail(tls.id, mail);
    expect(implicit.mails.map((m) => m.encrypted)).toEqual([true]);
    const offering = await server('starttls');
    const none = await createConnection(null, { kind: 'smtp', name: 'Plain', host: 'localhost', port: offering.port, tlsMode: 'none', from: 'r@test.local' });
    await sendEmail(none.id, mail);
    expect(offering.mails.map((m) => m.encrypted)).toEqual([false]);
  });

  it('input without a mode: the old switch maps to it, and the default is STARTTLS required off this machine', async () => {
    const base = { kind: 'smtp' as const, port: 587, from: 'r@test.local' };
    expect((await createConnection(null, { ...base, name: 'a', host: 'smtp.example.com' })).config).toMatchObject({ tlsMode: 'starttls' });
    expect((await createConnection(null, { ...base, name: 'b', host: 'smtp.example.com', secure: true })).config).toMatchObject({ tlsMode: 'tls' });
    const local = await createConnection(null, { ...base, name: 'c', host: '127.0.0.1' });
    expect(local.config).toMatchObject({ tlsMode: 'none' });
    expect(local.config).not.toHaveProperty('secure');
    // The deprecated switch sent alone on an update still takes effect.
    expect((await updateConnection(null, local.id, { secure: true })).config).toMatchObject({ tlsMode: 'tls' });
    expect((await updateConnection(null, local.id, { tlsMode: 'starttls' })).config).toMatchObject({ tlsMode: 'starttls' });
  });

  it('the migration maps stored rows: secure → tls, off → starttls (required), loopback → none; rows with a mode stay', async () => {
    const row = (name: string, config: object) => db().connection.create({ data: { kind: 'smtp', name, config } });
    const secure = await row('secure', { host: 'smtp.example.com', port: 465, secure: true, from: 'r@x' });
    const opportunistic = await row('off', { host: 'smtp.example.com', port: 587, secure: false, from: 'r@x' });
    const loopback = await row('local', { host: '127.0.0.1', port: 2525, secure: false, from: 'r@x' });
    const already = await row('new', { host: 'smtp.example.com', port: 25, tlsMode: 'none', from: 'r@x' });
    const dir = path.resolve(import.meta.dirname, '../../prisma/migrations');
    const sql = readFileSync(path.join(dir, '20261201193038_smtp_tls_mode/migration.sql'), 'utf8');
    // Twice: the migration is idempotent.
    await db().$executeRawUnsafe(sql);
    await db().$executeRawUnsafe(sql);
    const config = async (id: string) => (await db().connection.findUniqueOrThrow({ where: { id } })).config;
    expect(await config(secure.id)).toEqual({ host: 'smtp.example.com', port: 465, tlsMode: 'tls', from: 'r@x' });
    expect(await config(opportunistic.id)).toMatchObject({ tlsMode: 'starttls' });
    expect(await config(opportunistic.id)).not.toHaveProperty('secure');
    expect(await config(loopback.id)).toMatchObject({ tlsMode: 'none' });
    expect(await config(already.id)).toMatchObject({ tlsMode: 'none' });
    // A row the migration never saw (restored from an old backup) is read the same way.
    const legacy = await row('old backup', { host: 'smtp.example.com', port: 465, secure: true, from: 'r@x' });
    expect(await loadSmtpConnection(legacy.id)).toMatchObject({ tlsMode: 'tls' });
  });
});
