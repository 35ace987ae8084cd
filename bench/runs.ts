// Benchmark: run history at a million runs (issue 6 quality bar). Seeds 1,000,000 runs and
// 5,000,000 steps into its own database (riposte_bench_runs; kept between sittings, reseeded
// only when its size differs or BENCH_RESEED=1), then times the services the pages call, in
// process — the server time of a page, without rendering: the run list's first page, filtered
// pages, a deep cursor, the per-status counts, and run detail. Prints median / p95 / max per case
// and EXPLAIN (ANALYZE, BUFFERS) of each case's main query.
// Run: npm run bench -- runs   (BENCH_RUNS, BENCH_STEPS_PER_RUN, BENCH_ROUNDS, BENCH_PLANS=full)
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/server/db/generated/client';
import { percentile } from './lib/stack';
import { seedRunHistory } from './runs-seed';

const root = path.resolve(import.meta.dirname, '..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_bench_runs';
const RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const STEPS_PER_RUN = Number(process.env.BENCH_STEPS_PER_RUN ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const FULL_PLANS = process.env.BENCH_PLANS === 'full';
const LIST_GOAL_MS = 100;
const DETAIL_GOAL_MS = 150;

process.env.DATABASE_URL = DATABASE_URL;
execSync('npx tsx scripts/ensure-db.ts && npx prisma migrate deploy', { cwd: root, env: process.env, stdio: 'ignore' });

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const existing = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "Run"')).rows[0]?.n ?? 0);
const existingSteps = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "StepRun"')).rows[0]?.n ?? 0);
if (process.env.BENCH_RESEED === '1' || existing !== RUNS || existingSteps !== RUNS * STEPS_PER_RUN) {
  console.log(`seeding ${RUNS.toLocaleString('en-US')} runs and ${(RUNS * STEPS_PER_RUN).toLocaleString('en-US')} steps…`);
  const t = performance.now();
  await seedRunHistory(client, { runs: RUNS, stepsPerRun: STEPS_PER_RUN, flows: 50, machines: 5000, days: 30 });
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
} else {
  console.log(`using the existing ${RUNS.toLocaleString('en-US')} runs (BENCH_RESEED=1 to seed again)`);
}
const sizes = await client.query<{ rel: string; size: string }>(
  `SELECT c.relname AS rel, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c WHERE c.relname IN ('Run', 'StepRun')`,
);
console.log(`table sizes (with indexes and TOAST): ${sizes.rows.map((r) => `${r.rel} ${r.size}`).join(', ')}`);

// The services use the process-wide client; this one also reports each query for EXPLAIN.
interface Logged { query: string; params: string; duration: number }
const logged: Logged[] = [];
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL, max: 10 }), log: [{ emit: 'event', level: 'query' }] });
prisma.$on('query', (e) => logged.push({ query: e.query, params: e.params, duration: e.duration }));
(globalThis as unknown as { riposteDb?: PrismaClient }).riposteDb = prisma;
const { listRuns, countRunsByStatus, getRun } = await import('@/server/services/runs');

// Filter values that exist in the seed.
const one = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows[0] as T;
const flow = await one<{ id: string }>('SELECT "id" FROM "Flow" ORDER BY "name" LIMIT 1 OFFSET 7');
const machine = await one<{ machineId: string; computerDnsName: string }>(`SELECT "machineId", "computerDnsName" FROM "Run" WHERE "computerDnsName" = 'ws-00042.contoso.com' LIMIT 1`);
const alert = await one<{ triggerAlertId: string }>(`SELECT "triggerAlertId" FROM "Run" WHERE "triggerAlertId" IS NOT NULL ORDER BY "createdAt" DESC OFFSET ${Math.floor(RUNS / 8)} LIMIT 1`);
const deep = await one<{ createdAt: Date; id: string }>(`SELECT "createdAt", "id" FROM "Run" ORDER BY "createdAt" DESC, "id" DESC OFFSET ${Math.floor(RUNS / 2)} LIMIT 1`);
const deepCursor = Buffer.from(`${deep.createdAt.toISOString()}|${deep.id}`).toString('base64url');
const windowTo = new Date(Date.now() - 10 * 86_400_000);
const windowFrom = new Date(windowTo.getTime() - 3_600_000);
const detailIds = (await client.query<{ id: string }>(`SELECT "id" FROM "Run" TABLESAMPLE SYSTEM (0.1) LIMIT ${ROUNDS + 2}`)).rows.map((r) => r.id);

const LIMIT = 25;
type Case = { name: string; goal: number; run: (round: number) => Promise<unknown> };
const list = (name: string, q: Record<string, unknown>): Case => ({ name, goal: LIST_GOAL_MS, run: () => listRuns({ ...q, limit: LIMIT }) });
const counts = (name: string, q: Record<string, unknown>): Case => ({ name, goal: LIST_GOAL_MS, run: () => countRunsByStatus(q) });
const cases: Case[] = [
  list('first page', {}),
  list('status failed', { status: 'failed' }),
  list('status failed + timed out', { status: 'failed,timed_out' }),
  list('status waiting (rare)', { status: 'waiting' }),
  list('flow', { flowId: flow.id }),
  list('flow + status failed', { flowId: flow.id, status: 'failed' }),
  list('severity High', { severity: 'High' }),
  list('machine by DNS name', { machine: machine.computerDnsName }),
  list('machine by id', { machine: machine.machineId }),
  list('alert id', { alertId: alert.triggerAlertId }),
  list('trigger manual', { triggerKind: 'manual' }),
  list('title search "mimikatz" (1 in 16)', { q: 'mimikatz' }),
  list('title search "cobaltstrike" (1 in 20,000)', { q: 'cobaltstrike' }),
  list('title search + severity + 7 d', { q: 'powershell', severity: 'High', range: '7d' }),
  list('last 24 h', { range: '24h' }),
  list('1 h window 10 days ago', { from: windowFrom.toISOString(), to: windowTo.toISOString() }),
  list('deep cursor (run 500,000)', { cursor: deepCursor }),
  list('deep cursor, newer', { cursor: deepCursor, direction: 'newer' }),
  list('deep cursor + status failed', { cursor: deepCursor, status: 'failed' }),
  counts('counts, no filter', {}),
  counts('counts, flow', { flowId: flow.id }),
  counts('counts, last 24 h', { range: '24h' }),
  counts('counts, title search "mimikatz"', { q: 'mimikatz' }),
  counts('counts, machine', { machine: machine.computerDnsName }),
  { name: 'page: list + counts (no filter)', goal: LIST_GOAL_MS, run: () => Promise.all([listRuns({ limit: LIMIT }), countRunsByStatus({})]) },
  { name: 'page: list + counts (flow + failed)', goal: LIST_GOAL_MS, run: () => Promise.all([listRuns({ limit: LIMIT, flowId: flow.id, status: 'failed' }), countRunsByStatus({ flowId: flow.id })]) },
  { name: 'run detail (getRun)', goal: DETAIL_GOAL_MS, run: (round) => getRun(detailIds[round % detailIds.length] as string) },
];

console.log(`\nmachine: ${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${ROUNDS} rounds per case after 2 warm-ups; server time in ms (service call, Prisma + Postgres)\n`);
const results: { name: string; p50: number; p95: number; max: number; goal: number; plan: Logged[] }[] = [];
for (const c of cases) {
  for (let w = 0; w < 2; w++) await c.run(w);
  const times: number[] = [];
  let plan: Logged[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    logged.length = 0;
    const t = performance.now();
    await c.run(r);
    times.push(performance.now() - t);
    plan = [...logged];
  }
  times.sort((a, b) => a - b);
  const row = { name: c.name, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? 0, goal: c.goal, plan };
  results.push(row);
  console.log(`${row.name.padEnd(44)} p50 ${row.p50.toFixed(1).padStart(6)}  p95 ${row.p95.toFixed(1).padStart(6)}  max ${row.max.toFixed(1).padStart(6)}  ${row.p95 < row.goal ? 'ok' : `OVER ${row.goal} ms`}`);
}

/** The slowest Run/StepRun query of the case, explained with its real parameters. */
async function explain(q: Logged): Promise<string[]> {
  const params = JSON.parse(q.params) as unknown[];
  const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, params);
  return r.rows.map((row) => row['QUERY PLAN']);
}

console.log('\n=== plans (EXPLAIN ANALYZE BUFFERS of the slowest query per case) ===');
for (const r of results) {
  const main = [...r.plan].filter((q) => /"(Run|StepRun)"/.test(q.query)).sort((a, b) => b.duration - a.duration)[0];
  if (!main) continue;
  const lines = await explain(main);
  const keep = FULL_PLANS ? lines : lines.filter((l) => /Scan|Sort|Limit|Aggregate|Append|Join|Loop|Buffers|Execution Time|Rows Removed|Index Cond|Recheck|Filter/.test(l)).slice(0, 14);
  console.log(`\n--- ${r.name}${FULL_PLANS ? `\n${main.query}` : ''}`);
  for (const l of keep) console.log(`  ${l}`);
}

await prisma.$disconnect();
await client.end();
const over = results.filter((r) => r.p95 >= r.goal);
console.log(over.length === 0 ? '\nall cases met their goals (p95)' : `\n${over.length} case(s) over their goal (p95): ${over.map((r) => r.name).join(', ')}`);
