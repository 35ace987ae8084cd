// Runs Riposte: bootstrap the database, then (demo mode) the Defender simulator and the SMTP
// capture in this process, the worker and the web server (scripts/container/web.sh) as children. One Ctrl-C stops all.
// Expects scripts/prepare.sh to have run (deps, .env.local, TLS, migrations) and `next build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';
import { db } from '@/server/db/client';
import { bootstrap, demoModeWanted } from '@/server/services/bootstrap';
import { startSmtpCapture } from '@/server/mail/smtp-capture';
import { startWebhookCapture } from '@/server/notifications/webhook-capture';
import { createSimulator, type Simulator } from '@/simulator';
import { resetForE2e } from './reset-e2e';
import { logLine } from '@/server/secrets/redact';

const root = path.resolve(import.meta.dirname, '..');
const e = env();
const log = (msg: string, extra: Record<string, unknown> = {}) => logLine('log', { part: 'stack', msg, ...extra });

if (process.env.RIPOSTE_E2E_RESET === '1') await resetForE2e();

const demo = await demoModeWanted();
const simulatorUrl = `https://localhost:${e.SIM_PORT}`;
const creds = await bootstrap(demo ? { simulatorUrl, smtpPort: e.SMTP_CAPTURE_PORT, webhookPort: e.WEBHOOK_CAPTURE_PORT } : null);
if (demo) {
  // The demo Teams/Slack channels post to the local capture: open exactly that host and port to
  // the outbound guard (children inherit it); every other private address stays refused.
  process.env.RIPOSTE_OUTBOUND_ALLOW = [process.env.RIPOSTE_OUTBOUND_ALLOW, `localhost:${e.WEBHOOK_CAPTURE_PORT}`].filter(Boolean).join(',');
}

let simulator: Simulator | null = null;
let smtp: { close(): Promise<void> } | null = null;
let webhooks: { close(): Promise<void> } | null = null;
if (creds) {
  const tlsDir = path.join(root, '.riposte', 'tls');
  const tls = { cert: readFileSync(path.join(tlsDir, 'cert.pem')), key: readFileSync(path.join(tlsDir, 'key.pem')) };
  simulator = createSimulator({
    port: e.SIM_PORT,
    tls,
    ...creds,
    alertIntervalMs: Number(process.env.SIM_ALERT_INTERVAL_MS ?? 60_000),
    rateLimitPerMinute: Number(process.env.SIM_RATE_LIMIT_PER_MINUTE ?? 100),
  });
  await simulator.start();
  smtp = await startSmtpCapture(e.SMTP_CAPTURE_PORT);
  webhooks = await startWebhookCapture({ port: e.WEBHOOK_CAPTURE_PORT, tls });
  log('demo tenant ready', { simulator: simulator.url, smtpCapture: `127.0.0.1:${e.SMTP_CAPTURE_PORT}`, webhookCapture: `https://localhost:${e.WEBHOOK_CAPTURE_PORT}` });
}

const children: ChildProcess[] = [];
let stopping = false;

function launch(name: string, cmd: string, args: string[]): void {
  // detached: each child leads its own process group, so stopping kills its grandchildren too.
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, detached: true });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited; stopping everything`, { code, signal });
      void stop(1);
    }
  });
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.pid) try { process.kill(-c.pid, 'SIGTERM'); } catch { /* already gone */ }
  await Promise.all(
    children.map((c) => (c.exitCode !== null || c.signalCode ? Promise.resolve() : new Promise((r) => c.once('exit', r)))),
  );
  await simulator?.stop();
  await smtp?.close();
  await webhooks?.close();
  await db().$disconnect();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

launch('worker', process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'worker/main.ts']);
// The standalone server, as in the container image (`next start` only warns that it does not
// support that output); it reads PORT from the environment.
process.env.PORT = String(e.PORT);
launch('web', 'sh', [path.join(root, 'scripts/container/web.sh')]);
log('Riposte is starting', { web: `http://localhost:${e.PORT}`, demo: Boolean(creds) });
