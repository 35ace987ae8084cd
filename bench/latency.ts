// Benchmark 2 (issue 9): alert → isolate latency. The simulator raises High alerts at a steady
// rate (100/s); the seed flow (get alert → High? → isolate → email) isolates each alert's machine.
// Latency = the isolate request's arrival at the simulator − the alert's creation time there, for
// every alert created in the measured window. Run once per poll interval (default 10 s, and 5 s).
// Rate limits are off on both sides (the budget is benchmark 3's subject), so only Riposte's own
// path is measured: the poll interval, the poll, the queue and the run.
// Run: npm run bench -- latency   (BENCH_POLL_INTERVALS=10,5 BENCH_ALERT_RATE=100
//      BENCH_WARMUP_SECONDS=130 BENCH_MEASURE_SECONDS=60 change the sitting)
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { percentile } from './lib/stack';
import { fmtMs, machineLine, query, sim, sleep, startAlertBench, uptimeLine } from './lib/alert-bench';
import { API_FAMILIES } from '@/server/defender/rate-limit/families';
import { QUEUES } from '@/server/queue/queues';

const INTERVALS = (process.env.BENCH_POLL_INTERVALS ?? '10,5').split(',').map((s) => Number(s.trim()));
const RATE = Number(process.env.BENCH_ALERT_RATE ?? 100);
// Past POLL_OVERLAP_SECONDS (120 s) every poll re-reads its whole overlap: the steady state.
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 130);
const MEASURE_S = Number(process.env.BENCH_MEASURE_SECONDS ?? 60);
// How long to wait, after the alerts stop, for the measured alerts' isolate calls. A worker that
// cannot keep up with the rate falls further behind every second, and the figure is then "more
// than this" for the alerts left.
const DRAIN_S = Number(process.env.BENCH_DRAIN_SECONDS ?? 180);
// The alert id in the seed flow's isolate comment ("… high severity alert <id> (<title>) …").
const ALERT_IN_COMMENT = /alert (da\d+_\d+)/;

interface SimAlertTime {
  id: string;
  alertCreationTime: string;
}
interface ActionCall {
  arrivedAtMs: number;
  comment: string | null;
  status: number;
}

const unlimited = Object.fromEntries(API_FAMILIES.map((f) => [f, { perMinute: 1_000_000, perHour: 1_000_000 }]));

function stats(values: number[]): string {
  return `p50 ${fmtMs(percentile(values, 50))}, p95 ${fmtMs(percentile(values, 95))}, p99 ${fmtMs(percentile(values, 99))}, max ${fmtMs(Math.max(...values))} (n=${values.length})`;
}

async function pollJobs(queuePrefix: string, from: number, to: number) {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.poll, { connection: redis, prefix: queuePrefix });
  try {
    const jobs = (await queue.getJobs(['completed'], 0, 1000)).filter((j) => (j.processedOn ?? 0) >= from && (j.processedOn ?? 0) <= to);
    // A scheduler's job id ends with the time it was due (repeat:<scheduler>:<ms>).
    const dueAt = (id: string | undefined) => Number(/:(\d+)$/.exec(id ?? '')?.[1] ?? NaN);
    return jobs.map((j) => ({
      startedLateMs: (j.processedOn ?? 0) - dueAt(j.id),
      durationMs: (j.finishedOn ?? 0) - (j.processedOn ?? 0),
      fetched: (j.returnvalue as { fetched?: number } | null)?.fetched ?? 0,
      runs: (j.returnvalue as { runs?: number } | null)?.runs ?? 0,
    }));
  } finally {
    await queue.close();
    await redis.quit();
  }
}

async function measure(intervalS: number): Promise<Record<string, number>> {
  console.log(`\n--- poll interval ${intervalS} s, ${RATE} alerts/s, warm-up ${WARMUP_S} s, measured ${MEASURE_S} s, drain wait up to ${DRAIN_S} s`);
  console.log(`before: ${uptimeLine()}`);
  const bench = await startAlertBench({
    name: 'latency',
    ports: { web: 3281, sim: 3781, smtp: 2781, webhook: 2782 },
    env: { POLL_INTERVAL_SECONDS: String(intervalS), SIM_RATE_LIMIT_PER_MINUTE: '0' },
    connection: { rateLimits: unlimited, rateLimitWindows: { minuteMs: 1000, hourMs: 1000, marginMs: 0 } },
  });
  try {
    // Machine actions finish at once: a second alert on a machine isolates again instead of
    // answering 400 ActiveRequestAlreadyExists (which makes the client look the action up).
    await sim(bench.simUrl, 'PUT', '/_sim/config', { actionLatencyMs: 0 });
    // The worker's Defender clients reload a changed connection within 30 s.
    await sleep(35_000);
    const t0 = Date.now();
    await sim(bench.simUrl, 'PUT', '/_sim/config', { alertRate: { perSecond: RATE, severity: 'High' } });
    await sleep((WARMUP_S + MEASURE_S) * 1000);
    await sim(bench.simUrl, 'PUT', '/_sim/config', { alertRate: null });
    const tEnd = Date.now();
    const from = t0 + WARMUP_S * 1000;
    const to = from + MEASURE_S * 1000;

    const alerts = (await sim<SimAlertTime[]>(bench.simUrl, 'GET', `/_sim/alerts?since=${from}`)).filter((a) => Date.parse(a.alertCreationTime) < to);
    const created = new Map(alerts.map((a) => [a.id, Date.parse(a.alertCreationTime)]));
    // Drain: wait until every measured alert has its isolate call (or no isolate call at all
    // arrives for 60 s: the backlog of the warm-up counts as progress).
    let arrivals = new Map<string, number>();
    let last = -1;
    let stillSince = Date.now();
    for (;;) {
      const calls = await sim<ActionCall[]>(bench.simUrl, 'GET', '/_sim/action-calls?action=isolate');
      arrivals = new Map();
      for (const c of calls) {
        const id = ALERT_IN_COMMENT.exec(c.comment ?? '')?.[1];
        if (id && created.has(id) && !arrivals.has(id)) arrivals.set(id, c.arrivedAtMs);
      }
      if (arrivals.size >= created.size || Date.now() - tEnd > DRAIN_S * 1000) break;
      if (calls.length !== last) {
        last = calls.length;
        stillSince = Date.now();
      } else if (Date.now() - stillSince > 60_000) break;
      await sleep(2000);
    }
    const drainedAt = Date.now();
    // An alert without an isolate call by the end counts as "at least until the end" (so p95 is
    // not flattered by leaving out the slowest).
    const latencies = [...created].map(([id, t]) => (arrivals.get(id) ?? drainedAt) - t);

    // Where the time goes: alert → run row (waiting for the poll + the poll), run row → isolate.
    const rows = await query<{ alertId: string; createdAt: Date; startedAt: Date | null; status: string }>(
      bench.databaseUrl,
      'SELECT "alertId", "createdAt", "startedAt", status FROM "Run" WHERE "flowId" = $1 AND "alertId" = ANY($2::text[])',
      [bench.flowId, [...created.keys()]],
    );
    const toRun: number[] = [];
    const runToStart: number[] = [];
    const runToIsolate: number[] = [];
    const statuses = new Map<string, number>();
    for (const r of rows) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      toRun.push(r.createdAt.getTime() - (created.get(r.alertId) as number));
      if (r.startedAt) runToStart.push(r.startedAt.getTime() - r.createdAt.getTime());
      const at = arrivals.get(r.alertId);
      if (at !== undefined) runToIsolate.push(at - r.createdAt.getTime());
    }
    const isolatedTotal = (await sim<ActionCall[]>(bench.simUrl, 'GET', '/_sim/action-calls?action=isolate')).length;
    const polls = await pollJobs(bench.queuePrefix, from, to);
    const sent = (await sim<SimAlertTime[]>(bench.simUrl, 'GET', `/_sim/alerts?since=${t0}`)).length;

    console.log(`drained ${((drainedAt - tEnd) / 1000).toFixed(0)} s after the alerts stopped; isolate calls/s over the run: ${(isolatedTotal / ((drainedAt - t0) / 1000)).toFixed(1)}`);
    console.log(`alerts raised: ${sent} in ${((tEnd - t0) / 1000).toFixed(1)} s (${(sent / ((tEnd - t0) / 1000)).toFixed(1)}/s); measured window: ${created.size} alerts`);
    console.log(`isolate calls for them: ${arrivals.size} (missing ${created.size - arrivals.size}${created.size > arrivals.size ? ', counted as lasting until the end of the wait' : ''}); runs: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    console.log(`alert → isolate arrival: ${stats(latencies)}`);
    console.log(`  alert → run row:       ${stats(toRun)}`);
    console.log(`  run row → run started: ${stats(runToStart)}`);
    console.log(`  run row → isolate:     ${stats(runToIsolate)}`);
    console.log(`polls in window: ${polls.length}; duration ${stats(polls.map((p) => p.durationMs))}; started late ${stats(polls.map((p) => p.startedLateMs))}; alerts fetched per poll p50 ${percentile(polls.map((p) => p.fetched), 50)}`);
    console.log(`goal p95 ≤ ${intervalS + 1} s: ${percentile(latencies, 95) <= (intervalS + 1) * 1000 && arrivals.size === created.size ? 'met' : 'NOT met'}`);
    console.log(`after: ${uptimeLine()}`);
    return {
      intervalS,
      alerts: created.size,
      isolated: arrivals.size,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      pollP50: percentile(polls.map((p) => p.durationMs), 50),
      pollMax: Math.max(...polls.map((p) => p.durationMs)),
    };
  } finally {
    await bench.stack.stop();
  }
}

console.log(`machine: ${machineLine()}`);
const results: Record<string, number>[] = [];
for (const interval of INTERVALS) results.push(await measure(interval));
console.log('\nsummary (ms):');
console.table(results);
process.exit(0);
