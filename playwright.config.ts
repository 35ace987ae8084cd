import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests run against the whole stack (web, worker, Defender simulator, SMTP capture)
// started by scripts/run-stack.ts on its own ports, database and queue prefix, so they never
// touch a developer's running instance. Needs `next build` first.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://localhost:3100',
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
  webServer: {
    command: 'npx tsx scripts/run-stack.ts',
    url: 'http://localhost:3100/api/health',
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM (not Playwright's default SIGKILL) lets run-stack stop the worker and next-server
    // it started in their own process groups; a kill would leave them running.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...process.env,
      // The worker talks https to the simulator's self-signed certificate (stack-notes: MSAL).
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? path.resolve('.riposte/tls/cert.pem'),
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/riposte_e2e',
      PORT: '3100',
      SIM_PORT: '3543',
      SMTP_CAPTURE_PORT: '2625',
      WEBHOOK_CAPTURE_PORT: '2626',
      RIPOSTE_QUEUE_PREFIX: 'riposte-e2e',
      RIPOSTE_DEMO: 'on',
      POLL_INTERVAL_SECONDS: '2',
      RIPOSTE_ADMIN_EMAIL: 'admin@riposte.test',
      RIPOSTE_ADMIN_PASSWORD: 'correct-horse-battery-staple',
      SIM_ALERT_INTERVAL_MS: '0',
      RIPOSTE_E2E_RESET: '1',
    },
  },
});
