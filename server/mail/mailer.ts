// Sends email through an SMTP connection with nodemailer. Transports are pooled per connection.
import nodemailer, { type Transporter } from 'nodemailer';
import { ActionError } from '@/core/errors';
import { loadSmtpConnection } from '../services/connections';
import { cachedConnection } from '../services/connection-cache';
import type { SmtpTlsMode } from '@/core/notifications/smtp-tls';

export interface OutgoingEmail {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
  /** An HTML alternative; its token values were escaped by the executor. */
  html?: string;
  importance?: 'low' | 'normal' | 'high';
  /** Built (and size-capped) by core/notifications/attachment.ts. */
  attachments?: { filename: string; contentType: string; content: string }[];
}

/** Host, port, TLS and sign-in of an SMTP connection as nodemailer takes them (sending and testing alike). */
export function smtpTransportOptions(conn: { host: string; port: number; tlsMode: SmtpTlsMode; username?: string; password?: string }) {
  return {
    host: conn.host,
    port: conn.port,
    // tls: TLS from the first byte; starttls: the upgrade is required (requireTLS), so a server or
    // a man in the middle that does not offer it gets no password and no mail; none: plain text.
    secure: conn.tlsMode === 'tls',
    requireTLS: conn.tlsMode === 'starttls',
    ignoreTLS: conn.tlsMode === 'none',
    auth: conn.username ? { user: conn.username, pass: conn.password ?? '' } : undefined,
  };
}

const transports = new Map<string, { key: string; transport: Transporter }>();

async function transportFor(connectionId: string): Promise<{ transport: Transporter; from: string }> {
  const conn = await cachedConnection('smtp', connectionId, loadSmtpConnection);
  const key = JSON.stringify([conn.host, conn.port, conn.tlsMode, conn.username, conn.password]);
  let entry = transports.get(connectionId);
  if (!entry || entry.key !== key) {
    entry?.transport.close();
    const transport = nodemailer.createTransport({
      ...smtpTransportOptions(conn),
      pool: true,
      // A busy worker sends many emails at once; 5 (nodemailer's default) made them queue for a
      // connection. Connections are reused for many messages instead of reconnecting every 100.
      maxConnections: 20,
      maxMessages: 1000,
    });
    entry = { key, transport };
    transports.set(connectionId, entry);
  }
  return { transport: entry.transport, from: conn.from };
}

interface SmtpFailure {
  responseCode?: number;
  code?: string;
  message?: string;
}

export async function sendEmail(connectionId: string, email: OutgoingEmail): Promise<{ messageId: string; accepted: string[] }> {
  const { transport, from } = await transportFor(connectionId);
  try {
    const info = await transport.sendMail({
      from,
      to: email.to,
      cc: email.cc && email.cc.length > 0 ? email.cc : undefined,
      bcc: email.bcc && email.bcc.length > 0 ? email.bcc : undefined,
      html: email.html,
      subject: email.subject,
      text: email.body,
      priority: email.importance ?? 'normal',
      ...(email.attachments && email.attachments.length > 0
        ? { attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: `${a.contentType}; charset=utf-8` })) }
        : {}),
    });
    return { messageId: String(info.messageId), accepted: (info.accepted ?? []).map(String) };
  } catch (e) {
    const err = e as SmtpFailure;
    // 4xx replies and connection problems are transient; 5xx replies are permanent.
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    throw new ActionError(permanent ? 'SmtpRejected' : 'SmtpUnavailable', `Email could not be sent: ${err.message ?? 'unknown SMTP error'}`, {
      retryable: !permanent,
      details: { responseCode: err.responseCode },
    });
  }
}

export function closeMailTransports(): void {
  for (const { transport } of transports.values()) transport.close();
  transports.clear();
}
