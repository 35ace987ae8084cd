// Helpers for the tests that start Riposte the way the container image does: the scripts in
// scripts/container/ as child processes, each in its own process group, on free ports, against
// a fresh database; and a private redis-server that a test may stop without disturbing others.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

export interface Child {
  readonly process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * SIGTERM to the process itself, as a container runtime signals PID 1 (the scripts exec, so
   * that is node; tsx relays it to its child once); the whole group is killed if it is still
   * there after 30 s. Resolves when it has exited.
   */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(cmd: string, args: string[], env: Record<string, string | undefined>): Child {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => out,
    exited,
    async stop() {
      const pid = child.pid;
      if (child.exitCode === null && child.signalCode === null && pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const force = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 30_000);
        void exited.finally(() => clearTimeout(force));
      }
      return exited;
    },
  };
}

/** A container role script (scripts/container/<role>.sh). */
export function startScript(role: 'migrate' | 'web' | 'worker', env: Record<string, string | undefined>): Child {
  return startChild('sh', [path.join(root, 'scripts/container', `${role}.sh`)], env);
}

/**
 * An empty database named after this worker's test database plus `suffix` (dropped first if a
 * previous run left it), so parallel workers and other checkouts' runs never share one.
 */
export async function freshDatabase(suffix: string): Promise<string> {
  const base = new URL(process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_test');
  const name = `${base.pathname.slice(1)}_${suffix}`;
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

/**
 * web.sh serves the standalone build. Build it when missing or older than the sources (the same
 * rule as scripts/start.sh), so the test always serves the code under test.
 */
export function ensureStandaloneBuild(): void {
  const buildId = path.join(root, '.next/BUILD_ID');
  const fresh =
    existsSync(buildId) &&
    existsSync(path.join(root, '.next/standalone/server.js')) &&
    execSync(`find app components core server next.config.js package-lock.json -newer ${JSON.stringify(buildId)} -print -quit`, { cwd: root }).toString().trim() === '';
  if (!fresh) execSync('npx next build', { cwd: root, stdio: 'ignore', timeout: 600_000 });
}

/** A private, throwaway redis-server (no persistence) on the given port. */
export async function startRedis(port: number): Promise<Child> {
  const redis = startChild('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
  await waitFor(`redis-server on ${port}`, async () => (redis.output().includes('Ready to accept connections') ? true : undefined), 10_000, 50);
  return redis;
}
