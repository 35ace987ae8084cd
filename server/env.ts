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

const ZEnv = z.object({
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/riposte'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  RIPOSTE_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  RIPOSTE_ADMIN_EMAIL: z.string().email().optional(),
  RIPOSTE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** The app's address as people reach it (approval links in emails); default http://localhost:PORT. */
  RIPOSTE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10),
  POLL_OVERLAP_SECONDS: z.coerce.number().int().min(0).default(120),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  RIPOSTE_DEMO: z.enum(['auto', 'on', 'off', 'true', 'false', '1', '0']).default('auto'),
  /** Prefix of every BullMQ key; lets tests isolate themselves on one Redis. */
  RIPOSTE_QUEUE_PREFIX: z.string().default('riposte'),
  RIPOSTE_SOC_EMAIL: z.string().email().default('soc@example.com'),
  SIM_PORT: z.coerce.number().int().default(3443),
  SMTP_CAPTURE_PORT: z.coerce.number().int().default(2525),
  /** Demo mode's local Teams/Slack webhook capture (https, the demo certificate). */
  WEBHOOK_CAPTURE_PORT: z.coerce.number().int().default(2526),
  /** Finished runs older than this many days are pruned in the background; 0 keeps them forever. */
  RIPOSTE_RUN_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Outbound steps (Teams, Slack, HTTP request) may reach these even if private, e.g. an internal SOAR. */
  RIPOSTE_OUTBOUND_ALLOW: outboundList,
  /** Outbound steps may never reach these (on top of the private ranges refused by default). */
  RIPOSTE_OUTBOUND_DENY: outboundList,
  /** Failed sign-ins allowed per account within the window; the next one (even with the right password) is refused. */
  RIPOSTE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * Failed sign-ins allowed per client address within the window (any accounts). Higher than the
   * per-account limit so that one office behind a NAT is not locked out by a single typo-prone
   * user, yet password spraying across many accounts from one address is still stopped.
   */
  RIPOSTE_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** The sliding window, in seconds, over which failed sign-ins are counted. */
  RIPOSTE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
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
