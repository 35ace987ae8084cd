// Demo mode's local SMTP capture: accepts every message on 127.0.0.1 and stores it in Postgres
// for the Outbox page. Real SMTP on the wire, so the mailer is exercised exactly as in production.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { db } from '../db/client';

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);
}

export async function startSmtpCapture(port: number, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: 10 * 1024 * 1024,
    logger: false,
    // Do not wait 30 s for pooled client connections when closing.
    closeTimeout: 500,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const priority = mail.headers.get('x-priority') ?? mail.headers.get('importance');
          await db().capturedEmail.create({
            data: {
              from: addresses(mail.from)[0] ?? '',
              to: [...addresses(mail.to), ...addresses(mail.cc)],
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              importance: priority ? String(priority) : null,
              messageId: mail.messageId ?? null,
            },
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { port: actualPort, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
