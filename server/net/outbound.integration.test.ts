// The outbound guard against a real local server: loopback, private and metadata addresses are
// refused unless RIPOSTE_OUTBOUND_ALLOW opens them, and every redirect hop is judged again.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../env';
import { outboundRequest } from './outbound';

let server: http.Server;
let port = 0;
const seen: { method?: string; url?: string; auth?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
    if (req.url === '/to-metadata') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (req.url === '/to-decimal') res.writeHead(301, { location: 'http://2130706433:1/' }).end();
    else if (req.url === '/hop') res.writeHead(307, { location: '/final' }).end();
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url === '/big') res.end('x'.repeat(5000));
    else res.writeHead(200, { 'content-type': 'text/plain', 'x-test': 'yes' }).end(`hello ${req.method} ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function configure(allow?: string, deny?: string) {
  if (allow === undefined) delete process.env.RIPOSTE_OUTBOUND_ALLOW;
  else process.env.RIPOSTE_OUTBOUND_ALLOW = allow;
  if (deny === undefined) delete process.env.RIPOSTE_OUTBOUND_DENY;
  else process.env.RIPOSTE_OUTBOUND_DENY = deny;
  resetEnvCache();
}

afterEach(() => {
  configure();
  seen.length = 0;
});

const get = (url: string, extra: Partial<Parameters<typeof outboundRequest>[0]> = {}) =>
  outboundRequest({ method: 'GET', url, timeoutMs: 5000, maxResponseBytes: 1024 * 1024, label: 'Test', ...extra });

describe('outbound guard', () => {
  it('refuses loopback, private, metadata and localhost by default, naming host, reason and the env var', async () => {
    configure();
    for (const [url, reason] of [
      [`http://127.0.0.1:${port}/`, 'loopback'],
      ['http://10.1.2.3/', '10.0.0.0/8'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.0.0/16'],
      [`http://localhost:${port}/`, 'loopback'],
      [`http://2130706433:${port}/`, 'loopback'],
      [`http://0x7f.1:${port}/`, 'loopback'],
      [`http://[::ffff:127.0.0.1]:${port}/`, 'loopback'],
      ['https://[::1]/', 'loopback'],
    ] as const) {
      const err = await get(url).catch((e: unknown) => e);
      expect(err, url).toMatchObject({ code: 'DestinationNotAllowed', retryable: false });
      expect((err as Error).message, url).toContain(reason);
      expect((err as Error).message).toContain('RIPOSTE_OUTBOUND_ALLOW');
    }
    expect(seen).toEqual([]);
  });

  it('refuses schemes other than http and https', async () => {
    const err = await get('file:///etc/passwd').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DestinationNotAllowed', message: expect.stringContaining('only http and https') });
  });

  it('allows a destination on RIPOSTE_OUTBOUND_ALLOW (by address or by host name)', async () => {
    configure('127.0.0.1');
    const res = await get(`http://127.0.0.1:${port}/ok?a=1`);
    expect(res.status).toBe(200);
    expect(res.headers['x-test']).toBe('yes');
    expect(res.body.toString()).toBe('hello GET /ok?a=1');
    configure('localhost');
    // localhost may resolve to ::1 as well as 127.0.0.1 (the server listens on the latter only):
    // the host entry opens all of them, and the socket may try each judged address.
    const viaName = await get(`http://localhost:${port}/named`);
    expect(viaName.body.toString()).toBe('hello GET /named');
  });

  it('plain http to a public address is refused; only allow-listed destinations may use it', async () => {
    configure();
    const err = await get('http://8.8.8.8/').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DestinationNotAllowed', message: expect.stringContaining('plain http') });
  });

  it('a deny entry wins over an allow entry', async () => {
    configure('127.0.0.0/8', '127.0.0.1');
    const err = await get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DestinationNotAllowed', message: expect.stringContaining('RIPOSTE_OUTBOUND_DENY') });
  });

  it('follows redirects manually, re-checking each hop: an allowed host cannot redirect to metadata', async () => {
    configure('127.0.0.1');
    const err = await get(`http://127.0.0.1:${port}/to-metadata`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DestinationNotAllowed', message: expect.stringContaining('169.254.169.254') });
    configure('127.0.0.1/32');
    const hex = await get(`http://127.0.0.1:${port}/to-decimal`).catch((e: unknown) => e);
    expect(hex).toMatchObject({ code: 'ConnectionFailed' }); // allowed (127.0.0.1), nothing listens on port 1
    const ok = await get(`http://127.0.0.1:${port}/hop`, { method: 'POST', body: 'x', headers: { authorization: 'Bearer s3cret' } });
    expect(ok.body.toString()).toBe('hello POST /final');
    expect(seen.map((s) => s.auth)).toContain('Bearer s3cret');
  });

  it('gives up after 5 redirects and caps the response size', async () => {
    configure('127.0.0.1');
    await expect(get(`http://127.0.0.1:${port}/loop`)).rejects.toMatchObject({ code: 'TooManyRedirects' });
    expect(seen.filter((s) => s.url === '/loop')).toHaveLength(6);
    await expect(get(`http://127.0.0.1:${port}/big`, { maxResponseBytes: 1024 })).rejects.toMatchObject({ code: 'ResponseTooLarge' });
  });
});
