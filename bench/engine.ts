// `npm run bench -- engine`: engine throughput (issue 9, benchmark 1) and scale-out (benchmark 6).
//
// The seed flow (alert trigger → Get alert → Severity is High → Isolate machine → Email the SOC)
// against the Defender simulator with its rate limits off, every step recorded in Postgres.
// How runs are made: the bench plays the poller. The alerts exist in the simulator (raised
// backdated, so the real poller, which keeps polling every interval, finds none of them new); for
// each chunk of 1,000 the bench inserts the queued runs in Postgres (the poller's createMany, the
// alert as trigger data) and then enqueues their ids (enqueueRuns, job id = run id). Completed
// runs, durations and rates are read from Postgres afterwards; the simulator counts isolations
// (and duplicates by run marker) and the SMTP sink counts emails.
//
// Options (env): BENCH_RUNS (50000), BENCH_WORKERS (1; e.g. "1,2,3" for scale-out),
// BENCH_CONCURRENCY (per worker, 100), BENCH_DB_POOL (per worker, 10), BENCH_POLL_SECONDS (5),
// BENCH_PROFILE=1 (node --cpu-prof on the workers; prints the top functions), BENCH_OUT=file.json.
// Its own Redis (a private redis-server on BENCH_REDIS_PORT, 6391, so its CPU is ours alone), its
// own database (riposte_bench_engine on the shared Postgres, BENCH_DATABASE_URL to change).
import { spawn, fork, execSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ServicesCommand, ServicesStats } from './lib/engine-services';
import { percentile } from './lib/stack';
import { procStat, TICKS_PER_SECOND } from './lib/proc';
import { summariseProfile } from './lib/cpu-profile';

const root = path.resolve(import.meta.dirname, '..');
const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const RUNS = int('BENCH_RUNS', 50_000);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1').split(',').map(Number).filter((n) => n > 0);
const CONCURRENCY = int('BENCH_CONCURRENCY', 100);
const DB_POOL = int('BENCH_DB_POOL', 10);
const POLL_SECONDS = int('BENCH_POLL_SECONDS', 5);
const REDIS_PORT = int('BENCH_REDIS_PORT', 6391);
const TIMEOUT_S = int('BENCH_TIMEOUT_S', 1800);
const PROFILE = process.env.BENCH_PROFILE === '1';
const CHUNK = 1000;
const PREFIX = 'riposte-bench-engine';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_bench_engine';
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}/0`;
const TENANT_ID = '7d1c0d2e-7a55-4c1b-9d8e-00000000be01';
const CLIENT_ID = 'c3f2a1c0-5e4d-4c3b-a291-00000000be02';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const PROFILE_DIR = path.join(os.tmpdir(), 'riposte-bench-engine-prof');

// Everything this process and its children load reads these (server/env.ts, server/db/client.ts).
Object.assign(process.env, { DATABASE_URL, REDIS_URL, RIPOSTE_QUEUE_PREFIX: PREFIX, POLL_INTERVAL_SECONDS: String(POLL_SECONDS) });

const log = (msg: string) => console.log(`[bench engine ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];

async function startRedis(): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', ''], { stdio: 'ignore' });
  children.push(redis);
  for (let i = 0; i < 50; i++) {
    try {
      execSync(`redis-cli -p ${REDIS_PORT} ping`, { stdio: 'ignore' });
      return redis;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`redis-server did not start on port ${REDIS_PORT}`);
}

interface Services {
  child: ChildProcess;
  simulatorUrl: string;
  smtpPort: number;
  request<T>(msg: ServicesCommand): Promise<T>;
}

async function startServices(): Promise<Services> {
  const child = fork(path.join(root, 'bench/lib/engine-services.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TENANT_ID: TENANT_ID, BENCH_CLIENT_ID: CLIENT_ID, BENCH_CLIENT_SECRET: CLIENT_SECRET },
    serialization: 'advanced',
  });
  children.push(child);
  const pending = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  const ready = await new Promise<{ simulatorUrl: string; smtpPort: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench services exited (${code})`)));
    child.on('message', (raw) => {
      const m = raw as { ready?: boolean; id?: number; simulatorUrl: string; smtpPort: number };
      if (m.ready) resolve(m);
      else if (m.id !== undefined) pending.get(m.id)?.(m);
    });
  });
  return {
    child,
    ...ready,
    request<T>(msg: ServicesCommand) {
      const id = nextId++;
      return new Promise<T>((resolve) => {
        pending.set(id, (v) => {
          pending.delete(id);
          resolve(v as T);
        });
        child.send({ ...msg, id });
      });
    },
  };
}

interface Worker {
  child: ChildProcess;
  pid: number;
}

async function startWorkers(count: number, label: string): Promise<Worker[]> {
  if (PROFILE) mkdirSync(PROFILE_DIR, { recursive: true });
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    // One profile per thread (tsx's module loader has its own): the largest is the main thread.
    const execArgv = ['--import', 'tsx', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${label}-worker${i}`)}`] : [])];
    const child = spawn(process.execPath, [...execArgv, 'worker/main.ts'], {
      cwd: root,
      env: { ...process.env, WORKER_CONCURRENCY: String(CONCURRENCY), DB_POOL_SIZE: String(DB_POOL), LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const started = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`worker ${i} exited during start-up (${code})`)));
      // With LOG_LEVEL=warn the "worker started" line is not logged: readiness is its heartbeat row.
      void waitForHeartbeat(child.pid as number).then(resolve, reject);
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (process.env.BENCH_VERBOSE === '1' || /"level":(50|60)/.test(line)) console.log(`  worker ${i}: ${line.slice(0, 300)}`);
    });
    await started;
    workers.push({ child, pid: child.pid as number });
  }
  return workers;
}

async function waitForHeartbeat(pid: number): Promise<void> {
  const { db } = await import('@/server/db/client');
  for (let i = 0; i < 600; i++) {
    const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "WorkerHeartbeat" WHERE "pid" = ${pid}`;
    if (Number(rows[0]?.n ?? 0) > 0) return;
    await sleep(100);
  }
  throw new Error(`worker ${pid} wrote no heartbeat in 60 s`);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill(signal);
  });
}

/** Postgres backends of the bench database (their CPU is Riposte's share of Postgres). */
async function backendsOfDb(): Promise<{ pid: number; startedMs: number }[]> {
  const { db } = await import('@/server/db/client');
  const rows = await db().$queryRaw<{ pid: number; started: Date }[]>`SELECT pid, backend_start AS started FROM pg_stat_activity WHERE datname = current_database()`;
  return rows.map((r) => ({ pid: r.pid, startedMs: r.started.getTime() }));
}

function allPostgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

interface CpuSeries {
  seconds: number;
  cpuSeconds: Record<string, number>;
  peakRssMb: Record<string, number>;
}

/** Samples CPU ticks (/proc/<pid>/stat) and RSS of each group every second until stopped. */
function startSampler(groups: () => Promise<Record<string, number[]>>, windowStartMs: number) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const groupOf = new Map<number, string>();
  const peakRss: Record<string, number> = {};
  let stopped = false;
  const tick = async () => {
    const g = await groups();
    const rssByGroup: Record<string, number> = {};
    for (const [name, pids] of Object.entries(g)) {
      for (const pid of pids) {
        const s = procStat(pid);
        if (!s) continue;
        groupOf.set(pid, name);
        if (!first.has(pid)) first.set(pid, s.startedMs >= windowStartMs ? 0 : s.ticks);
        last.set(pid, s.ticks);
        rssByGroup[name] = (rssByGroup[name] ?? 0) + s.rssMb;
      }
    }
    for (const [name, mb] of Object.entries(rssByGroup)) peakRss[name] = Math.max(peakRss[name] ?? 0, mb);
  };
  const loop = (async () => {
    while (!stopped) {
      await tick().catch(() => undefined);
      await sleep(1000);
    }
  })();
  return {
    async stop(): Promise<CpuSeries> {
      await tick().catch(() => undefined);
      stopped = true;
      await loop;
      const cpu: Record<string, number> = {};
      for (const [pid, ticks] of last) {
        const name = groupOf.get(pid) as string;
        cpu[name] = (cpu[name] ?? 0) + (ticks - (first.get(pid) ?? ticks)) / TICKS_PER_SECOND;
      }
      return { seconds: (Date.now() - windowStartMs) / 1000, cpuSeconds: cpu, peakRssMb: peakRss };
    },
  };
}

async function resetDatabase(): Promise<void> {
  const { db } = await import('@/server/db/client');
  const tables = await db().$queryRaw<{ tablename: string }[]>`SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db().$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
}

async function seed(services: Services): Promise<{ flowId: string; versionId: string }> {
  const { createConnection } = await import('@/server/services/connections');
  const { createFlow, publishFlow } = await import('@/server/services/flows');
  const { buildSeedFlowGraph } = await import('@/core/testing/builders');
  const { db } = await import('@/server/db/client');
  // "Rate limits off" on Riposte's side too: every call still passes the tenant's shared limiter
  // (a Redis script), with limits no benchmark reaches.
  const unlimited = { perMinute: 1_000_000, perHour: 1_000_000 };
  const defender = await createConnection(null, {
    kind: 'defender', name: 'Bench tenant', tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
    apiBaseUrl: services.simulatorUrl, authorityHost: services.simulatorUrl, graphBaseUrl: services.simulatorUrl,
    rateLimits: { alerts: unlimited, machines: unlimited, default: unlimited },
  });
  const smtp = await createConnection(null, { kind: 'smtp', name: 'Bench SMTP sink', host: '127.0.0.1', port: services.smtpPort, tlsMode: 'none', from: 'riposte@localhost' });
  const graph = buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@example.test' });
  const flow = await createFlow(null, { name: 'Bench: isolate on High alert', graph });
  await publishFlow(null, flow.id);
  const row = await db().flow.findUniqueOrThrow({ where: { id: flow.id }, select: { publishedVersionId: true } });
  return { flowId: flow.id, versionId: row.publishedVersionId as string };
}

type Alert = Record<string, unknown> & { id: string };

async function createRuns(alerts: Alert[], flow: { flowId: string; versionId: string }): Promise<void> {
  const { db, Prisma } = await import('@/server/db/client');
  const { createQueues, enqueueRuns } = await import('@/server/queue/queues');
  const { producerConnection } = await import('@/server/queue/connection');
  const { summariseAlert, summaryColumns } = await import('@/server/services/run-summary');
  const redis = producerConnection();
  const queues = createQueues(redis);
  try {
    for (let i = 0; i < alerts.length; i += CHUNK) {
      const data = alerts.slice(i, i + CHUNK).map((alert) => ({
        id: randomUUID(),
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        status: 'queued' as const,
        triggerKind: 'alert' as const,
        triggerData: alert as unknown as typeof Prisma.JsonNull,
        alertId: alert.id,
        ...summaryColumns(summariseAlert(alert)),
      }));
      // As the poller: Postgres first, then the queue (design.md §1).
      await db().run.createMany({ data });
      await enqueueRuns(queues.runs, data.map((r) => r.id));
    }
  } finally {
    await queues.close();
    await redis.quit();
  }
}

interface DbCounters {
  xact: number;
  inserted: number;
  updated: number;
}

async function dbCounters(): Promise<DbCounters> {
  const { db } = await import('@/server/db/client');
  const [r] = await db().$queryRaw<{ xact: bigint; ins: bigint; upd: bigint }[]>`
    SELECT xact_commit + xact_rollback AS xact, tup_inserted AS ins, tup_updated AS upd FROM pg_stat_database WHERE datname = current_database()`;
  return { xact: Number(r?.xact ?? 0), inserted: Number(r?.ins ?? 0), updated: Number(r?.upd ?? 0) };
}

function redisCommandStats(): Record<string, number> {
  const out: Record<string, number> = {};
  const text = execSync(`redis-cli -p ${REDIS_PORT} info commandstats`, { encoding: 'utf8' });
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1] as string] = Number(m[2]);
  return out;
}

interface RoundResult {
  workers: number;
  runs: number;
  statuses: Record<string, number>;
  steps: number;
  isolations: number;
  duplicateIsolations: number;
  emails: number;
  wallSeconds: number;
  runsPerSecond: number;
  steadyRunsPerSecond: number;
  runDurationMs: { p50: number; p95: number; max: number };
  queueToEndMs: { p50: number; p95: number };
  cpuSeconds: Record<string, number>;
  cpuPercent: Record<string, number>;
  /** CPU milliseconds per completed run: what a run costs each part, whatever else the machine runs. */
  cpuMsPerRun: Record<string, number>;
  peakRssMb: Record<string, number>;
  perRun: { pgTransactions: number; pgRowsInserted: number; pgRowsUpdated: number; redisCommands: number; redisTop: Record<string, number> };
  polls: { intervalSeconds: number; intervals: number; listCalls: number; perInterval: number[] };
  loadAverage: { before: number[]; after: number[] };
}

async function runRound(workerCount: number, services: Services, alerts: Alert[], flow: { flowId: string; versionId: string }): Promise<RoundResult> {
  const { db } = await import('@/server/db/client');
  await db().$executeRawUnsafe(`TRUNCATE "Run", "StepRun", "WorkerHeartbeat" CASCADE`);
  execSync(`redis-cli -p ${REDIS_PORT} flushdb`, { stdio: 'ignore' });
  const before = await services.request<{ stats: ServicesStats }>({ kind: 'stats' });
  log(`round: ${workerCount} worker(s), concurrency ${CONCURRENCY} each, ${RUNS} runs`);
  const workers = await startWorkers(workerCount, `w${workerCount}`);
  await sleep(1500);
  const loadBefore = os.loadavg();
  const redisPid = Number(execSync(`redis-cli -p ${REDIS_PORT} info server | grep process_id | cut -d: -f2`, { encoding: 'utf8' }).trim());
  const db0 = await dbCounters();
  execSync(`redis-cli -p ${REDIS_PORT} config resetstat`, { stdio: 'ignore' });
  const t0 = Date.now();
  const benchStart = process.cpuUsage();
  const sampler = startSampler(async () => {
    const backends = await backendsOfDb();
    const all = allPostgresPids();
    return {
      worker: workers.map((w) => w.pid),
      postgresBench: backends.map((b) => b.pid),
      postgresOther: all.filter((p) => !backends.some((b) => b.pid === p)),
      redis: [redisPid],
      simulatorAndSmtp: [services.child.pid as number],
    };
  }, t0);
  const creating = createRuns(alerts.slice(0, RUNS), flow);
  let done = 0;
  let lastLog = 0;
  for (;;) {
    await sleep(1000);
    const [r] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Run" WHERE status IN ('succeeded', 'failed', 'cancelled', 'timed_out')`;
    done = Number(r?.n ?? 0);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  ${done} / ${RUNS} runs ended (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    if (done >= RUNS) break;
    if (Date.now() - t0 > TIMEOUT_S * 1000) {
      log(`  timed out with ${done} runs ended`);
      break;
    }
  }
  await creating;
  const cpu = await sampler.stop();
  const benchCpu = process.cpuUsage(benchStart);
  cpu.cpuSeconds.benchDriver = (benchCpu.user + benchCpu.system) / 1e6;
  const tEnd = Date.now();
  const loadAfter = os.loadavg();
  const db1 = await dbCounters();
  const redisStats = redisCommandStats();
  const after = await services.request<{ stats: ServicesStats }>({ kind: 'stats' });
  for (const w of workers) await stopChild(w.child);

  const statusRows = await db().$queryRaw<{ status: string; n: bigint }[]>`SELECT status::text, count(*) AS n FROM "Run" GROUP BY status`;
  const [steps] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "StepRun"`;
  const times = await db().$queryRaw<{ c: Date; s: Date | null; f: Date | null }[]>`SELECT "createdAt" AS c, "startedAt" AS s, "finishedAt" AS f FROM "Run" WHERE "finishedAt" IS NOT NULL`;
  const durations = times.filter((t) => t.s && t.f).map((t) => (t.f as Date).getTime() - (t.s as Date).getTime());
  const queueToEnd = times.map((t) => (t.f as Date).getTime() - t.c.getTime());
  const finishes = times.map((t) => (t.f as Date).getTime()).sort((a, b) => a - b);
  const starts = times.filter((t) => t.s).map((t) => (t.s as Date).getTime());
  const firstStart = Math.min(...starts);
  const lastFinish = finishes[finishes.length - 1] ?? firstStart;
  const wall = (lastFinish - firstStart) / 1000;
  // Steady state: between the 10th and the 90th percentile of end times (no ramp-up or tail).
  const f10 = finishes[Math.floor(finishes.length * 0.1)] ?? 0;
  const f90 = finishes[Math.floor(finishes.length * 0.9)] ?? 0;
  const steady = f90 > f10 ? (0.8 * finishes.length) / ((f90 - f10) / 1000) : NaN;
  const polls = after.stats.alertListCalls.filter((t) => t >= t0 && t <= tEnd);
  const intervals = Math.floor((tEnd - t0) / (POLL_SECONDS * 1000));
  const perInterval = Array.from({ length: intervals }, (_, i) => polls.filter((t) => t >= t0 + i * POLL_SECONDS * 1000 && t < t0 + (i + 1) * POLL_SECONDS * 1000).length);
  const redisTotal = Object.values(redisStats).reduce((a, b) => a + b, 0);
  const redisTop = Object.fromEntries(
    Object.entries(redisStats)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => [k, Math.round((v / RUNS) * 100) / 100]),
  );
  const windowS = cpu.seconds;
  const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    workers: workerCount,
    runs: times.length,
    statuses: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    steps: Number(steps?.n ?? 0),
    isolations: after.stats.isolations - before.stats.isolations,
    duplicateIsolations: after.stats.duplicateIsolations - before.stats.duplicateIsolations,
    emails: after.stats.emails - before.stats.emails,
    wallSeconds: round(wall),
    runsPerSecond: round(times.length / wall),
    steadyRunsPerSecond: round(steady),
    runDurationMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), max: Math.max(...durations) },
    queueToEndMs: { p50: percentile(queueToEnd, 50), p95: percentile(queueToEnd, 95) },
    cpuSeconds: Object.fromEntries(Object.entries(cpu.cpuSeconds).map(([k, v]) => [k, round(v)])),
    cpuPercent: Object.fromEntries(Object.entries(cpu.cpuSeconds).map(([k, v]) => [k, round((100 * v) / windowS, 0)])),
    cpuMsPerRun: Object.fromEntries(Object.entries(cpu.cpuSeconds).map(([k, v]) => [k, round((1000 * v) / Math.max(1, times.length), 2)])),
    peakRssMb: Object.fromEntries(Object.entries(cpu.peakRssMb).map(([k, v]) => [k, Math.round(v)])),
    perRun: {
      pgTransactions: round((db1.xact - db0.xact) / RUNS, 2),
      pgRowsInserted: round((db1.inserted - db0.inserted) / RUNS, 2),
      pgRowsUpdated: round((db1.updated - db0.updated) / RUNS, 2),
      redisCommands: round(redisTotal / RUNS, 2),
      redisTop,
    },
    polls: { intervalSeconds: POLL_SECONDS, intervals, listCalls: polls.length, perInterval },
    loadAverage: { before: loadBefore.map((v) => round(v, 2)), after: loadAfter.map((v) => round(v, 2)) },
  };
}

function printTable(results: RoundResult[]): void {
  const rows = results.map((r) => [
    String(r.workers),
    `${r.runs}`,
    `${r.runsPerSecond}`,
    `${r.steadyRunsPerSecond}`,
    `${r.runDurationMs.p50} / ${r.runDurationMs.p95}`,
    `${r.cpuPercent.worker ?? 0}% / ${r.peakRssMb.worker ?? 0} MB`,
    `${r.cpuMsPerRun.worker ?? 0} / ${r.cpuMsPerRun.postgresBench ?? 0} / ${r.cpuMsPerRun.redis ?? 0}`,
    `${r.cpuPercent.postgresBench ?? 0}%`,
    `${r.cpuPercent.redis ?? 0}%`,
    `${r.cpuPercent.simulatorAndSmtp ?? 0}%`,
    `${r.cpuPercent.benchDriver ?? 0}%`,
    `${r.perRun.pgTransactions} / ${r.perRun.redisCommands}`,
    `${r.polls.perInterval.join(',')}`,
    `${r.loadAverage.before[0]} → ${r.loadAverage.after[0]}`,
  ]);
  const head = ['workers', 'runs', 'runs/s', 'steady/s', 'run p50/p95 ms', 'worker CPU / RSS', 'CPU ms per run: worker / pg / redis', 'pg CPU', 'redis CPU', 'sim+smtp CPU', 'driver CPU', 'pg xact / redis cmds per run', `polls per ${POLL_SECONDS}s`, 'load 1m'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const machine = { nproc: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', ramGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  log(`machine: ${JSON.stringify(machine)}; runs ${RUNS}; workers ${WORKER_COUNTS.join(',')}; concurrency ${CONCURRENCY}; pool ${DB_POOL}`);
  await startRedis();
  execSync('npx tsx scripts/ensure-db.ts && npx prisma migrate deploy', { cwd: root, env: process.env, stdio: 'ignore' });
  await resetDatabase();
  const services = await startServices();
  const flow = await seed(services);
  const alerts: Alert[] = [];
  // Backdated a day: the poller (which keeps polling) never takes them for new alerts.
  const alertCreationTime = new Date(Date.now() - 24 * 3600_000).toISOString();
  while (alerts.length < RUNS) {
    const { alerts: got } = await services.request<{ alerts: Alert[] }>({ kind: 'raise', count: Math.min(5000, RUNS - alerts.length), alertCreationTime });
    alerts.push(...got);
  }
  log(`seeded: flow ${flow.flowId}, ${alerts.length} alerts in the simulator`);
  if (PROFILE) rmSync(PROFILE_DIR, { recursive: true, force: true });
  const results: RoundResult[] = [];
  for (const count of WORKER_COUNTS) results.push(await runRound(count, services, alerts, flow));
  const summary = { benchmark: 'engine', at: new Date().toISOString(), machine, options: { runs: RUNS, workers: WORKER_COUNTS, concurrency: CONCURRENCY, dbPool: DB_POOL, pollSeconds: POLL_SECONDS }, results };
  console.log(JSON.stringify(summary, null, 1));
  printTable(results);
  if (process.env.BENCH_OUT) (await import('node:fs')).writeFileSync(process.env.BENCH_OUT, JSON.stringify(summary, null, 1));
  if (PROFILE) {
    for (const dir of readdirSync(PROFILE_DIR)) {
      const files = readdirSync(path.join(PROFILE_DIR, dir)).filter((f) => f.endsWith('.cpuprofile'));
      const file = path.join(dir, files.sort((a, b) => statSync(path.join(PROFILE_DIR, dir, b)).size - statSync(path.join(PROFILE_DIR, dir, a)).size)[0] ?? '');
      const summary = summariseProfile(path.join(PROFILE_DIR, file), 30);
      console.log(`\nCPU profile ${path.join(PROFILE_DIR, file)} — ${summary.busySeconds.toFixed(1)} s busy; by package:`);
      for (const p of summary.packages) console.log(`  ${p.percent.toFixed(1).padStart(5)}%  ${p.name}`);
      console.log('top functions by self time:');
      for (const f of summary.functions) console.log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`);
    }
  }
  const failed = results.some((r) => r.runs < RUNS || (r.statuses.succeeded ?? 0) !== RUNS || r.duplicateIsolations > 0);
  if (failed) console.log('\nNOT every run succeeded exactly once: see statuses / duplicateIsolations above.');
  const { db } = await import('@/server/db/client');
  await db().$disconnect();
  process.exitCode = failed ? 1 : 0;
}

try {
  await main();
} finally {
  for (const c of children.reverse()) await stopChild(c);
}
