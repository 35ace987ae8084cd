import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests run against the whole stack (web, worker, Defender simulator, SMTP capture)
// started by scripts/run-stack.ts on its own ports, database and queue prefix, so they never
// touch a developer's running instance. Needs `next build` first.
//
// Two such stacks, each serving one worker (one spec at a time): the specs count runs, alerts and
// mail of a shared tenant, so two of them must never share a stack. Stack A keeps the ports that
// some specs name (3100, 3543, 2625, 2626); the other specs are split by their measured time.
// A new spec that names one of those ports must be added to STACK_A_SPECS.
const STACK_A_SPECS = [
  // These name stack A's URLs or ports.
  'api-tokens', 'api', 'audit', 'connections', 'csp', 'csrf', 'run-live', 'secret-leaks', 'sso', 'system',
  // Balance (≈ half of the total time each).
  'dashboard', 'designer-editing', 'hunting', 'schedule',
].map((name) => `**/${name}.spec.ts`);

interface Stack {
  port: number;
  simPort: number;
  smtpPort: number;
  webhookPort: number;
  /** Ends in _e2e: scripts/reset-e2e.ts wipes nothing else. */
  database: string;
  queuePrefix: string;
}

const stacks: Record<'a' | 'b', Stack> = {
  a: { port: 3100, simPort: 3543, smtpPort: 2625, webhookPort: 2626, database: 'riposte_e2e', queuePrefix: 'riposte-e2e' },
  b: { port: 3200, simPort: 3643, smtpPort: 2725, webhookPort: 2726, database: 'riposte2_e2e', queuePrefix: 'riposte-e2e2' },
};

const databaseUrl = (stack: Stack) => `postgresql://postgres@127.0.0.1:5432/${stack.database}`;

function webServer(stack: Stack, command: string) {
  return {
    command,
    url: `http://localhost:${stack.port}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM (not Playwright's default SIGKILL) lets run-stack stop the worker and next-server
    // it started in their own process groups; a kill would leave them running.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      ...process.env,
      // The worker talks https to the simulator's self-signed certificate (stack-notes: MSAL).
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? path.resolve('.riposte/tls/cert.pem'),
      DATABASE_URL: databaseUrl(stack),
      PORT: String(stack.port),
      SIM_PORT: String(stack.simPort),
      SMTP_CAPTURE_PORT: String(stack.smtpPort),
      WEBHOOK_CAPTURE_PORT: String(stack.webhookPort),
      RIPOSTE_QUEUE_PREFIX: stack.queuePrefix,
      RIPOSTE_DEMO: 'on',
      POLL_INTERVAL_SECONDS: '2',
      RIPOSTE_ADMIN_EMAIL: 'admin@riposte.test',
      RIPOSTE_ADMIN_PASSWORD: 'correct-horse-battery-staple',
      SIM_ALERT_INTERVAL_MS: '0',
      RIPOSTE_E2E_RESET: '1',
    },
  };
}

export default defineConfig({
  testDir: 'e2e',
  // One per stack (each project allows one).
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'stack-a', testMatch: STACK_A_SPECS, workers: 1, use: { baseURL: `http://localhost:${stacks.a.port}` } },
    { name: 'stack-b', testIgnore: STACK_A_SPECS, workers: 1, use: { baseURL: `http://localhost:${stacks.b.port}` } },
  ],
  webServer: [
    // The brief's and test.sh's `prisma migrate deploy` covers stack A's database; stack B makes
    // and migrates its own, so running any one spec needs nothing more.
    webServer(stacks.b, 'npx tsx scripts/ensure-db.ts && npx prisma migrate deploy >/dev/null && exec npx tsx scripts/run-stack.ts'),
    webServer(stacks.a, 'npx tsx scripts/run-stack.ts'),
  ],
});
