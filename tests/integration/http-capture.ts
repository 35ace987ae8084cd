// A local HTTPS server (the simulator's certificate, trusted via NODE_EXTRA_CA_CERTS) that records
// every request and answers from a per-path script, for the Teams, Slack and HTTP request steps.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  /** Answer only after this long (timeouts). */
  delayMs?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpCapture {
  url: string;
  requests: CapturedRequest[];
  /** Replies for a path, used in order; the last one repeats. Default: 200 {"ok":true}. */
  script(pathname: string, replies: Reply[] | ((req: CapturedRequest) => Reply)): void;
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

export async function startHttpCapture(): Promise<HttpCapture> {
  const requests: CapturedRequest[] = [];
  const scripts = new Map<string, Reply[] | ((req: CapturedRequest) => Reply)>();
  const server = https.createServer(
    { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const captured: CapturedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        requests.push(captured);
        const pathname = new URL(captured.url, 'https://x').pathname;
        const script = scripts.get(pathname);
        let reply: Reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
        if (typeof script === 'function') reply = script(captured);
        else if (script && script.length > 0) reply = script.length > 1 ? (script.shift() as Reply) : (script[0] as Reply);
        const answer = () => { if (!res.destroyed) res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? ''); };
        if (reply.delayMs) setTimeout(answer, reply.delayMs).unref();
        else answer();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    script: (pathname, replies) => scripts.set(pathname, Array.isArray(replies) ? [...replies] : replies),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A delayed answer's socket must not hold the close up.
      server.closeAllConnections();
    }),
  };
}
