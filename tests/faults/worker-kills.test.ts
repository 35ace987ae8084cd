// kill -9 of worker processes at random moments while runs execute (issue 9): 1,000 runs in the
// full form (`npm run test:faults`), 100 in `npm test`. Every kill is followed by a restart. No
// alert may lose its run, no run may isolate its machine twice (counted by the simulator: each
// isolation carries the run's marker), and every run must be terminal within a minute of the
// last restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushQueues } from '../integration/harness';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';
import { allTerminal, isolationsPerRun, prng, report, sized, sleep, startFaultStack, tally, until, workerPool, type FaultStack } from './lib/faults-stack';

const RUNS = sized(100, 1000);
const WAVES = sized(4, 25);
const WORKERS = 2;
let stack: FaultStack;
const pool = workerPool();

beforeAll(async () => {
  await flushQueues();
  // The answer to an isolate request comes 300 ms after Defender carried it out, so kills also land
  // between "Defender acted" and "Riposte recorded it" (the window reconciliation must cover).
  stack = await startFaultStack({ machines: RUNS, actionLatencyMs: 200, actionResponseDelayMs: 300 });
});

afterAll(async () => {
  await pool.killAll();
  closeMailTransports();
  await stack?.close();
  await flushQueues();
  await db().$disconnect();
});

describe('worker processes killed with SIGKILL at random moments', () => {
  it('lose no run, isolate no machine twice, and finish every run within a minute of the last restart', async () => {
    const random = prng(9001);
    await Promise.all(Array.from({ length: WORKERS }, () => pool.spawn()));
    const alertIds: string[] = [];
    let kills = 0;
    const perWave = Math.ceil(RUNS / WAVES);
    for (let wave = 0; wave < WAVES; wave++) {
      alertIds.push(...(await stack.raise(wave * perWave, Math.min(RUNS, (wave + 1) * perWave))));
      // Wait until runs of this wave are executing, then a random moment more.
      await until('a run executing', () => db().run.findFirst({ where: { flowId: stack.flowId, status: 'running' }, select: { id: true } }), 30_000, 20);
      await sleep(100 + Math.floor(random() * 1500));
      // One worker or both, chosen at random; each is restarted at once.
      const victims = random() < 0.3 ? pool.alive() : pool.alive().slice(0, 1);
      for (const w of victims) await pool.kill(w);
      kills += victims.length;
      await Promise.all(victims.map(() => pool.spawn()));
    }
    const lastRestart = Date.now();

    const runs = await allTerminal([stack.flowId], RUNS, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${pool.tail()}`);
    });
    const toTerminalMs = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? Date.now())) - lastRestart;
    const t = await tally(stack, [stack.flowId], alertIds);
    const isolations = await isolationsPerRun(stack, runs.map((r) => r.id));
    report('worker-kills', { runs: t.runs, alerts: t.alerts, kills, lost: t.lost, doubleRuns: t.doubleRuns, duplicateIsolations: t.duplicateIsolations, restartedRuns: t.restarted, byStatus: t.byStatus, msToTerminalAfterLastRestart: toTerminalMs });

    expect(alertIds).toHaveLength(RUNS);
    expect(t.lost).toBe(0);
    expect(t.doubleRuns).toBe(0);
    expect(t.byStatus).toEqual({ succeeded: RUNS });
    // Exactly one isolation per run: none missing, none sent twice.
    expect([...isolations.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(t.duplicateIsolations).toBe(0);
    // The kills really interrupted runs (those were started again by another worker).
    expect(t.restarted).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(WAVES);
    expect(toTerminalMs).toBeLessThan(60_000);
  });
});
