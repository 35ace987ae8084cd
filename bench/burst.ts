// Benchmark 3 (issue 9): a burst of 10,000 High alerts at once against a simulator enforcing MDE's
// published limits (alerts and machines: 100 calls/min and 1,500/h per tenant, B.4). The seed flow
// makes one alerts-API call (get alert) and one machines-API call (isolate) per run, and the poller
// one alerts-API call per poll. Checks: every run completes, none fails (on 429 or anything else),
// and the drain time matches what the limits allow (computed below from the same limits).
//
// The hour window makes a real 10,000-alert burst take ~7 h, so by default both sides (the
// simulator and Riposte's limiter) scale time by BENCH_BURST_TIME_SCALE=60: a "minute" of 1 s and
// an "hour" of 60 s, with the published call counts and the default 1 s margin. Time scale 1 runs
// the real windows for BENCH_BURST_OBSERVE_SECONDS (default 900) and extrapolates.
// Run: npm run bench -- burst   (BENCH_BURST=10000 BENCH_BURST_TIME_SCALE=60 BENCH_BURST_MARGIN_MS=1000)
import { fmtMs, machineLine, query, sim, sleep, startAlertBench, uptimeLine } from './lib/alert-bench';

const COUNT = Number(process.env.BENCH_BURST ?? 10_000);
const SCALE = Number(process.env.BENCH_BURST_TIME_SCALE ?? 60);
const MARGIN_MS = Number(process.env.BENCH_BURST_MARGIN_MS ?? 1000);
const OBSERVE_S = Number(process.env.BENCH_BURST_OBSERVE_SECONDS ?? 900);
const POLL_S = Number(process.env.POLL_INTERVAL_SECONDS ?? 10);
const PUBLISHED = { perMinute: 100, perHour: 1500 };
const POLL_MAX_WAIT_MS = 15_000;
const minuteMs = Math.round(60_000 / SCALE);
const hourMs = Math.round(3_600_000 / SCALE);

interface RateLimitView {
  throttled: { total: number; byFamily: Record<string, number> };
}
interface ActionCall {
  arrivedAtMs: number;
  status: number;
}

/**
 * When the n-th call of one family can be granted at the earliest by a sliding-window log holding
 * both windows (each lengthened by the margin): t_i = max(t_{i-1}, t_{i-L_m} + W_m, t_{i-L_h} + W_h).
 * The poller's list calls (one per poll interval) take their share of the alerts budget while
 * slots are free; while the hour is used up they fail after their 15 s wait and cost nothing.
 */
function expectedDrainMs(calls: number, pollEveryMs: number, windows = { minuteMs, hourMs }): { lastCallMs: number; hourCapRate: number } {
  const wm = windows.minuteMs + MARGIN_MS;
  const wh = windows.hourMs + MARGIN_MS;
  const times: number[] = [];
  let nextPoll = 0;
  let runCalls = 0;
  let t = 0;
  while (runCalls < calls) {
    const i = times.length;
    t = Math.max(t, i >= PUBLISHED.perMinute ? (times[i - PUBLISHED.perMinute] as number) + wm : 0, i >= PUBLISHED.perHour ? (times[i - PUBLISHED.perHour] as number) + wh : 0);
    times.push(t);
    // A poll waits up to 15 s for a slot (worker/mde-clients.ts); one that would wait longer
    // fails without a call and the next comes an interval later. A poll due by now takes this slot.
    while (pollEveryMs > 0 && t - nextPoll > POLL_MAX_WAIT_MS) nextPoll += pollEveryMs;
    if (pollEveryMs > 0 && t >= nextPoll) nextPoll += pollEveryMs;
    else runCalls++;
  }
  const perWindowForRuns = PUBLISHED.perHour - wh / pollEveryMs;
  return { lastCallMs: t, hourCapRate: perWindowForRuns / (wh / 1000) };
}

console.log(`machine: ${machineLine()}`);
console.log(`before: ${uptimeLine()}`);
console.log(`burst ${COUNT} High alerts; limits ${PUBLISHED.perMinute}/"minute" and ${PUBLISHED.perHour}/"hour" per API family, minute ${minuteMs} ms, hour ${hourMs} ms (time scale ${SCALE}), Riposte's margin ${MARGIN_MS} ms, poll every ${POLL_S} s`);
const expected = expectedDrainMs(COUNT, POLL_S * 1000);
console.log(`expected (alerts API, the poller's calls included): last get-alert call ${fmtMs(expected.lastCallMs)} after the first; hour-capped pace ${expected.hourCapRate.toFixed(2)} runs/s`);

const bench = await startAlertBench({
  name: 'burst',
  ports: { web: 3291, sim: 3791, smtp: 2791, webhook: 2792 },
  env: { POLL_INTERVAL_SECONDS: String(POLL_S), SIM_RATE_LIMIT_PER_MINUTE: String(PUBLISHED.perMinute) },
  connection: { rateLimitWindows: { minuteMs, hourMs, marginMs: MARGIN_MS } },
});
try {
  // Real-limit mode with the published counts, windows scaled by the same factor as Riposte's.
  // Machine actions finish at once, so each run makes exactly one machines-API call (a second
  // isolation of a machine still pending would answer 400 and make the client look it up).
  await sim(bench.simUrl, 'PUT', '/_sim/config', { rateLimitPerMinute: PUBLISHED.perMinute, rateLimits: {}, rateLimitWindows: { minuteMs, hourMs }, actionLatencyMs: 0 });
  // The worker's Defender clients reload a changed connection within 30 s; let the budget the
  // polls used so far leave the scaled hour too.
  await sleep(Math.max(35_000, hourMs + MARGIN_MS));
  await sim(bench.simUrl, 'POST', '/_sim/alerts/bulk', { count: COUNT, severity: 'High' });
  const t0 = Date.now();
  console.log(`burst raised at ${new Date(t0).toISOString()}`);

  const deadline = SCALE === 1 ? t0 + OBSERVE_S * 1000 : t0 + Math.max(4 * expected.lastCallMs, 600_000);
  const series: { s: number; done: number }[] = [];
  let done = 0;
  for (;;) {
    const [row] = await query<{ done: string; failed: string }>(bench.databaseUrl, `SELECT count(*) FILTER (WHERE status IN ('succeeded','failed','cancelled','timed_out')) AS done, count(*) FILTER (WHERE status <> 'succeeded' AND status IN ('failed','cancelled','timed_out')) AS failed FROM "Run" WHERE "flowId" = $1`, [bench.flowId]);
    done = Number(row?.done ?? 0);
    series.push({ s: Math.round((Date.now() - t0) / 1000), done });
    if (done >= COUNT || Date.now() > deadline) break;
    await sleep(SCALE === 1 ? 30_000 : 5000);
  }

  const runs = await query<{ status: string; n: string; first: Date | null; last: Date | null }>(
    bench.databaseUrl,
    'SELECT status, count(*) AS n, min("finishedAt") AS first, max("finishedAt") AS last FROM "Run" WHERE "flowId" = $1 GROUP BY status',
    [bench.flowId],
  );
  const [attempts] = await query<{ retried: string; errors429: string }>(
    bench.databaseUrl,
    `SELECT count(*) FILTER (WHERE r.attempts > 1) AS retried,
            (SELECT count(*) FROM "StepRun" s JOIN "Run" r2 ON r2.id = s."runId" WHERE r2."flowId" = $1 AND s.error::text ILIKE '%429%') AS "errors429"
       FROM "Run" r WHERE r."flowId" = $1`,
    [bench.flowId],
  );
  const view = await sim<RateLimitView>(bench.simUrl, 'GET', '/_sim/rate-limits');
  const isolates = (await sim<ActionCall[]>(bench.simUrl, 'GET', '/_sim/action-calls?action=isolate')).filter((c) => c.arrivedAtMs >= t0);
  const lastFinished = Math.max(...runs.map((r) => r.last?.getTime() ?? 0));
  const succeeded = Number(runs.find((r) => r.status === 'succeeded')?.n ?? 0);

  console.log(`runs: ${runs.map((r) => `${r.status} ${r.n}`).join(', ')}; runs with more than one attempt: ${attempts?.retried}; step errors mentioning 429: ${attempts?.errors429}`);
  console.log(`429s sent by the simulator: ${view.throttled.total} (${JSON.stringify(view.throttled.byFamily)})`);
  console.log(`isolate calls: ${isolates.length} (${isolates.filter((c) => c.status === 201).length} answered 201)`);
  // Pace per hour window: how many runs finished in each successive (scaled) hour after the burst.
  const windowS = (hourMs + MARGIN_MS) / 1000;
  const perWindow: number[] = [];
  for (const c of isolates) {
    const k = Math.floor((c.arrivedAtMs - t0) / 1000 / windowS);
    perWindow[k] = (perWindow[k] ?? 0) + 1;
  }
  console.log(`isolate calls per ${windowS} s window after the burst: ${[...perWindow].map((n) => n ?? 0).join(', ')}`);
  if (done >= COUNT) {
    const drain = lastFinished - t0;
    console.log(`drain: last run finished ${fmtMs(drain)} after the burst; expected from the limits ≈ ${fmtMs(expected.lastCallMs)} (+ one run's own time); measured/expected ${(drain / expected.lastCallMs).toFixed(3)}`);
    // Polls are not scaled (every POLL_S real seconds), so the real-window figure is its own model
    // run (360 list calls an hour at 10 s), not the scaled one times the scale.
    const real = expectedDrainMs(COUNT, POLL_S * 1000, { minuteMs: 60_000, hourMs: 3_600_000 });
    console.log(`with the real windows the same model gives ${(real.lastCallMs / 3_600_000).toFixed(2)} h (${(real.hourCapRate * 3600).toFixed(0)} runs/h once the hour is full); × the measured/expected ratio: ${((real.lastCallMs * drain) / expected.lastCallMs / 3_600_000).toFixed(2)} h`);
  } else {
    const span = (series.at(-1)?.s ?? 1) - (series[0]?.s ?? 0);
    const rate = (done / Math.max(1, span)) * 60;
    console.log(`observed ${span} s: ${done} of ${COUNT} runs done, ${rate.toFixed(1)} runs/min; series ${series.map((p) => `${p.s}s:${p.done}`).join(' ')}`);
    console.log(`extrapolated from the limits: last call ≈ ${(expected.lastCallMs / 3_600_000).toFixed(2)} h after the burst`);
  }
  console.log(`every run completed: ${succeeded === COUNT ? 'yes' : 'NO'}; zero 429 failures: ${runs.every((r) => r.status === 'succeeded') ? 'yes' : 'NO'}`);
  console.log(`after: ${uptimeLine()}`);
} finally {
  await bench.stack.stop();
}
process.exit(0);
