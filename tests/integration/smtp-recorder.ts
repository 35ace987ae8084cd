// A local SMTP server for tests that need what the shared capture does not keep: whether the
// session was encrypted when the mail arrived, and the headers as sent (Cc, Importance). STARTTLS
// is offered or not, or TLS is spoken from the first byte, with the simulator's certificate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface RecordedMail {
  /** The session was TLS (implicit or upgraded) when the message was sent. */
  encrypted: boolean;
  to: string[];
  cc: string[];
  subject: string;
  /** A header's value exactly as sent (mailparser folds Importance, X-Priority… into one `priority`). */
  header(name: string): string | undefined;
}

export interface SmtpRecorder {
  port: number;
  mails: RecordedMail[];
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');
const list = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));

export async function startSmtpRecorder(mode: 'starttls' | 'plain' | 'tls'): Promise<SmtpRecorder> {
  const mails: RecordedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    secure: mode === 'tls',
    disabledCommands: mode === 'plain' ? ['STARTTLS', 'AUTH'] : ['AUTH'],
    ...(mode === 'plain' ? {} : { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) }),
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const lines = mail.headerLines;
          const header = (name: string) => {
            const line = lines.find((l) => l.key === name.toLowerCase())?.line;
            return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
          };
          mails.push({ encrypted: session.secure, to: list(mail.to), cc: list(mail.cc), subject: mail.subject ?? '', header });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
