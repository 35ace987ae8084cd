// The fault suite's moving parts (issue 9): worker processes that can be killed, the Defender
// simulator with one machine per alert, the seed flow, and load helpers. Private Redis and
// Postgres servers that a test may kill live in faults-services.ts.
import '../../integration/setup-env';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { db } from '@/server/db/client';
import { createSimulator, type Simulator } from '@/simulator';
import type { CallRecord, FaultRate } from '@/simulator/types';
import { startSmtpCapture } from '@/server/mail/smtp-capture';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { buildSeedFlowGraph, SEED_FLOW_NAME } from '@/core/testing/builders';
import type { TDraftGraph } from '@/core/flow/schema';
import { resetDatabase } from '../../integration/harness';

export const root = path.resolve(import.meta.dirname, '../../..');
/** `npm run test:faults` sets this; `npm test` runs the short form. */
export const FULL = process.env.RIPOSTE_FAULTS_FULL === '1';
export const sized = (short: number, full: number): number => (FULL ? full : short);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Deterministic pseudo-random numbers (a failing schedule can be replayed with its seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `fn` until it returns a truthy value; the error names what was awaited. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Worker processes

export interface WorkerPool {
  /** Starts a worker process; resolves once it logged "worker started" (or exited). */
  spawn(): Promise<ChildProcess>;
  alive(): ChildProcess[];
  /** SIGKILL: no shutdown code runs, as when a node dies or the OOM killer strikes. */
  kill(child: ChildProcess): Promise<void>;
  killAll(): Promise<void>;
  /** The last lines a worker printed, for failure messages. */
  tail(): string;
}

export function workerPool(extraEnv: Record<string, string> = {}): WorkerPool {
  const all: ChildProcess[] = [];
  let log = '';
  const alive = () => all.filter((w) => w.exitCode === null && w.signalCode === null);
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    spawn() {
      // `node --import tsx`: the worker runs in this one process, so SIGKILL really kills it
      // (the tsx CLI would start a child that outlives its parent).
      const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
        cwd: root,
        env: { ...process.env, POLL_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '20', LOG_LEVEL: 'info', ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      all.push(child);
      return new Promise((resolve) => {
        let started = false;
        const onData = (chunk: Buffer) => {
          const text = chunk.toString();
          log = (log + text).slice(-20_000);
          if (!started && text.includes('"worker started"')) {
            started = true;
            resolve(child);
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', () => resolve(child));
      });
    },
    alive,
    kill,
    async killAll() {
      await Promise.all(alive().map(kill));
    },
    tail: () => log.slice(-4000),
  };
}

// ---------------------------------------------------------------------------------------------
// Simulator, connections, flow

/** A machine action as GET /_sim/actions lists it (every one Defender carried out). */
export interface SimAction {
  id: string;
  type: string;
  requestorComment: string;
  status: string;
  machineId: string;
}

export interface FaultStack {
  sim: Simulator;
  defenderId: string;
  smtpId: string;
  flowId: string;
  machineIds: string[];
  /** Raises one High alert per machine in `machineIds.slice(from, to)`; returns their ids. */
  raise(from: number, to: number): Promise<string[]>;
  calls(): Promise<CallRecord[]>;
  actions(): Promise<SimAction[]>;
  setFaultRates(rules: FaultRate[], seed?: number): Promise<void>;
  /** Another flow on the same connections (the first one switched off), e.g. with other settings. */
  replaceFlow(graph: (g: TDraftGraph) => TDraftGraph): Promise<string>;
  close(): Promise<void>;
}

export interface FaultStackOptions {
  /** One machine per alert, so each isolation maps to one run. */
  machines: number;
  actionLatencyMs?: number;
  actionResponseDelayMs?: number;
  /** Changes the seed flow before it is published (e.g. a step's retry policy). */
  graph?: (g: TDraftGraph) => TDraftGraph;
}

/** Riposte's own rate limiter would pace 1,000 runs over many minutes: lift it to MDE's ceiling. */
const UNTHROTTLED = { perMinute: 1_000_000, perHour: 1_000_000 };

export async function startFaultStack(opts: FaultStackOptions): Promise<FaultStack> {
  await resetDatabase();
  const creds = { tenantId: 'c0ffee00-0000-4000-8000-000000000009', clientId: 'faults-client', clientSecret: randomBytes(16).toString('hex') };
  const sim = createSimulator({
    port: 0,
    tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) },
    ...creds,
    rateLimitPerMinute: 0,
    machines: opts.machines,
    actionLatencyMs: opts.actionLatencyMs ?? 200,
    actionResponseDelayMs: opts.actionResponseDelayMs ?? 0,
  });
  await sim.start();
  const smtp = await startSmtpCapture(0);
  const defender = await createConnection(null, {
    kind: 'defender', name: 'Sim', ...creds, apiBaseUrl: sim.url, authorityHost: sim.url, graphBaseUrl: sim.url,
    rateLimits: { alerts: UNTHROTTLED, machines: UNTHROTTLED, default: UNTHROTTLED },
  });
  const mail = await createConnection(null, { kind: 'smtp', name: 'Capture', host: '127.0.0.1', port: smtp.port, from: 'riposte@test.local' });
  const seed = () => buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: mail.id, socEmail: 'soc@test.local' });
  const publish = async (graph: TDraftGraph, name: string) => {
    const flow = await createFlow(null, { name, graph });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    return flow.id;
  };
  let flowId = await publish((opts.graph ?? ((g) => g))(seed()), SEED_FLOW_NAME);
  const machineIds = sim.state.machines.map((m) => m.id);
  const admin = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const stack: FaultStack = {
    sim,
    defenderId: defender.id,
    smtpId: mail.id,
    get flowId() {
      return flowId;
    },
    machineIds,
    async raise(from, to) {
      const ids: string[] = [];
      for (let i = from; i < to; i += 25) {
        const batch = machineIds.slice(i, Math.min(to, i + 25));
        const raised = await Promise.all(batch.map((machineId) => admin<{ id: string }>('POST', '/_sim/alerts', { severity: 'High', machineId })));
        ids.push(...raised.map((a) => a.id));
      }
      return ids;
    },
    calls: () => admin<CallRecord[]>('GET', '/_sim/calls'),
    actions: () => admin<SimAction[]>('GET', '/_sim/actions'),
    async setFaultRates(rules, seedValue) {
      await admin('PUT', '/_sim/fault-rates', { rules, ...(seedValue === undefined ? {} : { seed: seedValue }) });
    },
    async replaceFlow(graph) {
      await setFlowEnabled(null, flowId, false);
      flowId = await publish(graph(seed()), `${SEED_FLOW_NAME} (${randomBytes(2).toString('hex')})`);
      return flowId;
    },
    async close() {
      await sim.stop();
      await smtp.close();
    },
  };
  return stack;
}

// ---------------------------------------------------------------------------------------------
// Checks

export interface Tally {
  alerts: number;
  runs: number;
  /** Alerts with no run. */
  lost: number;
  /** Alerts with more than one run. */
  doubleRuns: number;
  byStatus: Record<string, number>;
  /** Runs whose marker is on more than one Isolate action in Defender. */
  duplicateIsolations: number;
  /** Runs that were started more than once (a kill or outage interrupted them). */
  restarted: number;
}

const TERMINAL = ['succeeded', 'failed', 'cancelled', 'timed_out'];

export async function runsOf(flowIds: string[]) {
  return db().run.findMany({ where: { flowId: { in: flowIds } }, select: { id: true, alertId: true, status: true, attempts: true, error: true, createdAt: true, finishedAt: true } });
}

/** Waits until every alert has a run and every run is terminal. */
export async function allTerminal(flowIds: string[], alertCount: number, timeoutMs: number): Promise<Awaited<ReturnType<typeof runsOf>>> {
  return until(
    `${alertCount} terminal runs`,
    async () => {
      const rs = await runsOf(flowIds);
      return rs.length >= alertCount && rs.every((r) => TERMINAL.includes(r.status)) ? rs : null;
    },
    timeoutMs,
    500,
  );
}

export async function tally(stack: FaultStack, flowIds: string[], alertIds: string[]): Promise<Tally> {
  const runs = await runsOf(flowIds);
  const perAlert = new Map<string, number>();
  for (const r of runs) if (r.alertId) perAlert.set(r.alertId, (perAlert.get(r.alertId) ?? 0) + 1);
  const byStatus: Record<string, number> = {};
  for (const r of runs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const isolations = new Map<string, number>();
  for (const a of await stack.actions()) {
    if (a.type !== 'Isolate') continue;
    const runId = /\[Riposte run ([0-9a-f-]+)\]/.exec(a.requestorComment)?.[1];
    if (runId) isolations.set(runId, (isolations.get(runId) ?? 0) + 1);
  }
  return {
    alerts: alertIds.length,
    runs: runs.length,
    lost: alertIds.filter((id) => !perAlert.has(id)).length,
    doubleRuns: [...perAlert.values()].filter((n) => n > 1).length,
    byStatus,
    duplicateIsolations: [...isolations.values()].filter((n) => n > 1).length,
    restarted: runs.filter((r) => r.attempts > 1).length,
  };
}

/** Every run's isolate step succeeded and Defender holds exactly one isolation with its marker. */
export async function isolationsPerRun(stack: FaultStack, runIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(runIds.map((id) => [id, 0]));
  for (const a of await stack.actions()) {
    const runId = /\[Riposte run ([0-9a-f-]+)\]/.exec(a.requestorComment)?.[1];
    if (a.type === 'Isolate' && runId && counts.has(runId)) counts.set(runId, (counts.get(runId) ?? 0) + 1);
  }
  return counts;
}

/** One line for the test log and docs/reliability.md. */
export function report(name: string, figures: Record<string, unknown>): void {
  console.log(`[faults] ${name} ${JSON.stringify({ full: FULL, ...figures })}`);
}
