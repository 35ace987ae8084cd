// Environment, parsed once with zod (design.md §8). Every variable has a working local default
// except RIPOSTE_SECRET_KEY, which scripts/start.sh generates into .env.local on first start.
import { z } from 'zod';
import { outboundListProblem } from './net/address-policy';

/** A comma-separated list of CIDRs, IPs and host names (docs/outbound.md). */
const outboundList = z
  .string()
  .optional()
  .superRefine((v, ctx) => {
    const problem = v === undefined ? undefined : outboundListProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

// Every variable carries a .describe(): docs/configuration.md is generated from this schema
// (npm run docs:config; a unit test fails when the file is stale). One variable per entry, the
// description last, so concurrent additions merge line by line.
export const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .default('postgresql://postgres@127.0.0.1:5432/riposte')
    .describe('PostgreSQL connection string. Postgres is the source of truth: flows, runs, steps, users, the audit log and the encrypted connection secrets. Holds the database password: keep it in the secret env file.'),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .describe('Redis connection string (`redis://[:password@]host:port[/db]`, `rediss://` for TLS). BullMQ queues, the shared Defender rate limiter and short-lived locks. Losing Redis loses no data: the reconciler re-enqueues queued and running runs from Postgres. Persistence may stay off.'),
  RIPOSTE_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional()
    .describe('32 random bytes, base64 (`openssl rand -base64 32`): the AES-256-GCM key that encrypts connection secrets in the database. `npm start` generates one into `.env.local`; in production set it yourself, identically on every web and worker process, and back it up — without it stored secrets cannot be read.'),
  RIPOSTE_SECRET_KEY_PREVIOUS: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.split(',').map((k) => k.trim()).filter((k) => k !== '').every((k) => Buffer.from(k, 'base64').length === 32),
      'must be comma-separated keys, each 32 bytes base64-encoded',
    )
    .describe('Old secret keys (comma-separated, each 32 bytes base64) still accepted to open secrets and verify approval links while `npm run secrets:rotate` re-encrypts everything under RIPOSTE_SECRET_KEY (docs/secrets.md). Default: none.'),
  RIPOSTE_ADMIN_EMAIL: z
    .string()
    .email()
    .optional()
    .describe('E-mail of the first administrator, created at start (scripts/container/migrate.sh, `npm start`) when no user exists yet. Unset: create the first administrator on the first-run setup page.'),
  RIPOSTE_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .optional()
    .describe('Password of that first administrator (at least 12 characters). Used once; change it after the first sign-in.'),
  PORT: z.coerce.number().int().positive().max(65535).default(3000).describe('Port the web server listens on.'),
  RIPOSTE_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('The address people reach Riposte at, e.g. `https://riposte.example.com` (behind TLS termination). Used in links sent out: approval e-mails and failure notifications. Default `http://localhost:$PORT`.'),
  POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10).describe('How often each Defender connection is polled for new and updated alerts.'),
  POLL_OVERLAP_SECONDS: z.coerce.number().int().min(0).default(120).describe('Each poll asks Defender for alerts since the watermark minus this many seconds, so late-indexed alerts are not missed; alerts already seen are skipped.'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50).describe('Runs one worker process executes at once. Total capacity is this times the number of worker processes.'),
  RIPOSTE_DEMO: z
    .enum(['auto', 'on', 'off', 'true', 'false', '1', '0'])
    .default('auto')
    .describe('Demo mode for `npm start`: a Defender simulator as the "Demo tenant", a local SMTP and webhook capture, the template flow. `auto`: on while no real Defender connection exists. The container image never starts the simulator: set `off` there.'),
  RIPOSTE_QUEUE_PREFIX: z.string().default('riposte').describe('Prefix of every Redis key (queues, rate limiter, locks). Lets several installations or test runs share one Redis.'),
  RIPOSTE_SOC_EMAIL: z.string().email().default('soc@example.com').describe("Recipient written into the template flow's e-mail step (demo mode)."),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(3443).describe('Demo mode: port of the Defender simulator (https, self-signed certificate in `.riposte/tls/`).'),
  SMTP_CAPTURE_PORT: z.coerce.number().int().min(0).max(65535).default(2525).describe('Demo mode: port of the local SMTP capture whose mail the Outbox page shows.'),
  WEBHOOK_CAPTURE_PORT: z.coerce.number().int().min(0).max(65535).default(2526).describe('Demo mode: port of the local Teams/Slack webhook capture (https, the demo certificate).'),
  RIPOSTE_RUN_RETENTION_DAYS: z
    .coerce.number()
    .int()
    .min(0)
    .max(3650)
    .default(30)
    .describe('Finished runs older than this many days are deleted in the background (batches of 1,000, oldest first; unfinished runs are kept). `0` keeps runs forever.'),
  RIPOSTE_OUTBOUND_ALLOW: outboundList.describe('Comma-separated CIDRs, IPs or host names (`*.corp.example` for sub-domains) that Teams, Slack and HTTP request steps may reach even though private, e.g. an internal SOAR. Plain `http://` is accepted only to these (docs/outbound.md).'),
  RIPOSTE_OUTBOUND_DENY: outboundList.describe('Comma-separated CIDRs, IPs or host names those steps may never reach, on top of the private ranges refused by default; wins over the allow list.'),
  RIPOSTE_TRUSTED_PROXIES: z
    .coerce.number()
    .int()
    .min(0)
    .default(0)
    .describe('How many reverse proxies (TLS terminator, ingress, load balancer) sit in front of the web server and append to X-Forwarded-For. The client address in the audit log and the sign-in limits is the entry that many hops before the last. `0`: the direct peer; never trust more hops than you run.'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10).describe("Postgres connections per process (web or worker). Keep web replicas × pool + worker replicas × pool below the server's max_connections."),
  RIPOSTE_LISTEN_HOST: z.string().default('0.0.0.0').describe('Address the web server binds (scripts/container/web.sh). `::` for IPv6 clusters.'),
  RIPOSTE_WEB_DIR: z.string().optional().describe('Where scripts/container/web.sh finds the Next standalone server. The image sets `/app/web`; in a checkout it is `.next/standalone`.'),
  SIM_ALERT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000).describe('Demo mode: the simulator raises an alert this often; `0` only on request (Raise test alert).'),
  SIM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(100).describe('Demo mode: the simulator\'s per-minute API limit (MDE publishes 100); `0` turns it off.'),
  RIPOSTE_MAX_BODY_BYTES: z
    .coerce.number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Largest request body an API route reads, in bytes; a bigger one gets 413 with a message. Flows are well under 1 MB.'),
  RIPOSTE_CSP_FORM_ACTION: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(',').every((o) => o.trim() === '' || /^https?:\/\/[^/\s;,']+\/?$/.test(o.trim())), 'must be comma-separated http(s) origins')
    .describe('Extra origins (comma-separated, e.g. `https://login.example.com`) that forms on our pages may post to: the CSP form-action hook, for a sign-in form whose POST redirects to an identity provider. Default: none.'),
  RIPOSTE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10).describe('Failed sign-ins allowed per account within the window; the next one, and any sign-in to that account until the window passes, is refused (docs/accounts.md).'),
  RIPOSTE_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50).describe('Failed sign-ins allowed per client address within the window, across accounts: higher than the per-account limit so one office behind a NAT is not locked out by one user, yet password spraying from one address is stopped.'),
  RIPOSTE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60).describe('The sliding window, in seconds, over which failed sign-ins are counted.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Lowest level the web and worker processes log (pino). Lines are JSON on stdout; with `NODE_ENV=development` one readable line each. Secrets are redacted on every line (docs/observability.md).'),
  RIPOSTE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional().describe('Bearer token a Prometheus scraper sends to `GET /api/metrics` (`Authorization: Bearer <token>`). Unset: the endpoint answers 404 (docs/observability.md). Keep it in the secret env file.'),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // An empty value counts as unset: env files and compose often carry `NAME=` lines.
    const set = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
    const parsed = ZEnv.safeParse(set);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
