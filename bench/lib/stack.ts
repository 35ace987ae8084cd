// Starts the whole stack (scripts/run-stack.ts) on its own ports, database and queue prefix for a
// benchmark, and stops it afterwards. Expects `next build` to have run.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface BenchStack {
  baseUrl: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

export async function startBenchStack(extraEnv: Record<string, string> = {}): Promise<BenchStack> {
  // A benchmark may run its stack on other ports (extraEnv.PORT etc.) beside another one.
  const port = Number(extraEnv.PORT ?? 3200);
  const admin = { email: 'bench@riposte.test', password: 'benchmark-password-1' };
  const env = {
    ...process.env,
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/riposte_bench',
    PORT: String(port),
    SIM_PORT: '3643',
    SMTP_CAPTURE_PORT: '2725',
    WEBHOOK_CAPTURE_PORT: '2726',
    RIPOSTE_QUEUE_PREFIX: 'riposte-bench',
    RIPOSTE_DEMO: 'on',
    RIPOSTE_ADMIN_EMAIL: admin.email,
    RIPOSTE_ADMIN_PASSWORD: admin.password,
    SIM_ALERT_INTERVAL_MS: '0',
    RIPOSTE_E2E_RESET: '1',
    ...extraEnv,
  };
  execSync('npx tsx scripts/ensure-db.ts && npx prisma migrate deploy', { cwd: root, env, stdio: 'ignore' });
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/run-stack.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error('The stack exited during start-up');
    if (Date.now() > deadline) throw new Error('The stack did not become healthy in 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    admin,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
