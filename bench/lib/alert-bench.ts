// What the latency and burst benchmarks (issue 9, benchmarks 2 and 3) share: a stack on its own
// ports, database and queue prefix (so they can run beside the other benchmarks), a signed-in
// REST session, the seed flow published and enabled, the simulator's admin API, and the machine.
import { execSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { startBenchStack, type BenchStack } from './stack';
import { SEED_FLOW_NAME } from '@/core/testing/builders';

export interface AlertBenchPorts {
  web: number;
  sim: number;
  smtp: number;
  webhook: number;
}

export interface AlertBench {
  stack: BenchStack;
  simUrl: string;
  databaseUrl: string;
  queuePrefix: string;
  api: Api;
  defenderId: string;
  flowId: string;
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T>;
}

async function signIn(baseUrl: string, admin: { email: string; password: string }): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { get: (path) => call('GET', path), send: (method, path, body) => call(method, path, body) };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

/**
 * The previous stack's web server may still be shutting down (seen at load ~30); a new stack
 * would then fail to bind while the health check answered from the old one.
 */
async function waitForPorts(ports: number[], ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (const port of ports) {
    while (!(await portFree(port))) {
      if (Date.now() > deadline) throw new Error(`Port ${port} is still in use; stop whatever holds it (ss -ltnp) and retry`);
      await sleep(1000);
    }
  }
}

/** The simulator's /_sim/ admin API (no token, never rate limited). */
export async function sim<T>(simUrl: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Starts the stack (web, worker, simulator, SMTP capture) for one benchmark and readies the seed
 * flow (get alert → High? → isolate → email) on the demo Defender connection, whose rate-limit
 * settings are `connection` (the limiter's overrides and windows).
 */
export async function startAlertBench(opts: {
  name: string;
  ports: AlertBenchPorts;
  env: Record<string, string>;
  connection: { rateLimits?: Record<string, { perMinute?: number; perHour?: number }>; rateLimitWindows?: { minuteMs?: number; hourMs?: number; marginMs?: number } };
}): Promise<AlertBench> {
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/riposte_${opts.name}_bench`;
  const queuePrefix = `riposte-bench-${opts.name}`;
  await waitForPorts(Object.values(opts.ports));
  const stack = await startBenchStack({
    DATABASE_URL: databaseUrl,
    RIPOSTE_QUEUE_PREFIX: queuePrefix,
    PORT: String(opts.ports.web),
    SIM_PORT: String(opts.ports.sim),
    SMTP_CAPTURE_PORT: String(opts.ports.smtp),
    WEBHOOK_CAPTURE_PORT: String(opts.ports.webhook),
    ...opts.env,
  });
  try {
    const api = await signIn(stack.baseUrl, stack.admin);
    const connections = (await api.get<{ items: { id: string; kind: string }[] }>('/api/v1/connections')).items;
    const defenderId = connections.find((c) => c.kind === 'defender')?.id;
    if (!defenderId) throw new Error('The demo Defender connection is missing');
    await api.send('PATCH', `/api/v1/connections/${defenderId}`, opts.connection);
    const flows = (await api.get<{ items: { id: string; name: string }[] }>('/api/v1/flows')).items;
    const flowId = flows.find((f) => f.name === SEED_FLOW_NAME)?.id;
    if (!flowId) throw new Error(`The seed flow "${SEED_FLOW_NAME}" is missing`);
    await api.send('POST', `/api/v1/flows/${flowId}/publish`);
    await api.send('POST', `/api/v1/flows/${flowId}/enable`);
    return { stack, simUrl: `https://localhost:${opts.ports.sim}`, databaseUrl, queuePrefix, api, defenderId, flowId };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** nproc, CPU model, RAM and the load average, for the figures' record. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.availableParallelism()} vCPU (${cpu}), ${gib} GiB RAM, Node ${process.version}`;
}

export function uptimeLine(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
}

export function fmtMs(ms: number): string {
  return Number.isFinite(ms) ? `${Math.round(ms).toLocaleString('en-US')} ms` : 'n/a';
}
