// Two worker processes share the work: the poll job scheduler yields one poll per interval in
// total, each run executes once, and both processes stop cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';

const root = path.resolve(import.meta.dirname, '../..');
let h: Harness;
const workers: ChildProcess[] = [];

function spawnWorker(): ChildProcess {
  // `node --import tsx`: one process, so a SIGKILL fallback cannot leave the real worker orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: { ...process.env, POLL_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  workers.push(child);
  return child;
}

const listCalls = async () => (await h.calls('/api/alerts', 'GET')).filter((c) => c.path.endsWith('/api/alerts')).length;

beforeAll(async () => {
  await flushQueues();
  h = await startHarness();
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await h.close();
  await flushQueues();
  await db().$disconnect();
});

describe('two worker processes', () => {
  it('poll once per interval between them and run each alert once', async () => {
    spawnWorker();
    spawnWorker();
    // Both are up once polling has started.
    await eventually(async () => (await listCalls()) >= 2, 30_000);
    const before = await listCalls();
    const alert = await h.raise('High');
    await new Promise((r) => setTimeout(r, 5000));
    const polls = (await listCalls()) - before;
    // One scheduler, 1 s interval: about 5 polls in 5 s. Two independent pollers would make ~10.
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(7);

    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { alertId: alert.id } });
      return r?.status === 'succeeded' ? r : null;
    });
    expect(await db().run.count({ where: { alertId: alert.id } })).toBe(1);
    expect(run.attempts).toBe(1);
    expect(await h.calls('/isolate', 'POST')).toHaveLength(1);
  });

  it('stop gracefully on SIGTERM', async () => {
    const exits = workers.map((w) => new Promise<number | null>((r) => w.once('exit', (code) => r(code))));
    for (const w of workers) w.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });
});
