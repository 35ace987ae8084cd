// Demo mode's local SMTP capture: accepts every message on 127.0.0.1 and stores it in Postgres
// for the Outbox page. Real SMTP on the wire, so the mailer is exercised exactly as in production.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { db, type Prisma } from '../db/client';
import { logger } from '../log/logger';

/** Text-like attachments are kept readable (the Outbox, tests); anything else only by name and size. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|csv))/i;
const MAX_KEPT_TEXT = 1024 * 1024;

function attachmentsOf(list: Attachment[]): Prisma.InputJsonArray | undefined {
  if (list.length === 0) return undefined;
  return list.map((a) => ({
    filename: a.filename ?? '',
    contentType: a.contentType,
    size: a.size,
    ...(TEXT_TYPES.test(a.contentType) && a.size <= MAX_KEPT_TEXT ? { text: a.content.toString('utf8') } : {}),
  }));
}

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
              ...(attachmentsOf(mail.attachments) ? { attachments: attachmentsOf(mail.attachments) } : {}),
            },
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // SMTPServer re-emits every client connection's socket error on itself: a sender killed
  // mid-session (a worker SIGKILLed with pooled connections open) resets its sockets, and with
  // no listener that error would crash the process hosting the capture. A capture only loses
  // the message of that one session, which the sender retries.
  server.on('error', (e: Error & { code?: string }) => {
    logger.debug({ code: e.code, error: e.message }, 'smtp capture: client connection error');
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { port: actualPort, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
