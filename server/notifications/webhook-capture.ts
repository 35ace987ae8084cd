// Demo mode's local webhook capture: stands in for Teams Workflows and Slack incoming webhooks,
// as the SMTP capture stands in for the mail server. Real HTTPS on the wire (the demo TLS
// certificate), so the outbound client and its SSRF guard are exercised exactly as in production.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { db } from '../db/client';

const MAX_BODY_BYTES = 1024 * 1024;

export type CapturedService = 'teams' | 'slack' | 'generic';

/** `/teams/<channel>` and `/slack/<channel>` answer as those services do; anything else is generic. */
export function serviceOfPath(path: string): CapturedService {
  const first = path.split('/').filter(Boolean)[0]?.toLowerCase();
  return first === 'teams' || first === 'slack' ? first : 'generic';
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    res.writeHead(413).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'https://capture.invalid').pathname;
  const service = serviceOfPath(path);
  await db().capturedWebhook.create({ data: { service, path, contentType: req.headers['content-type'] ?? null, body } });
  // Teams Workflows answers 202 with no body; Slack answers 200 "ok".
  if (service === 'teams') res.writeHead(202).end();
  else if (service === 'slack') res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}

export async function startWebhookCapture(opts: { port: number; host?: string; tls: { cert: Buffer | string; key: Buffer | string } }): Promise<{ port: number; url: string; close(): Promise<void> }> {
  const server = https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    url: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
