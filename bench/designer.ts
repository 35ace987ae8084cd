// Benchmark 4 (issue 3 quality bar): open a 500-node flow in the designer in Chromium and drag a
// node. Reports time to first node drawn and to interactive (a click selects a node and the
// inspector shows it), and frame times while dragging (requestAnimationFrame deltas).
// Run: npm run bench -- designer   (needs `next build`; starts its own stack on port 3200)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { startBenchStack, percentile } from './lib/stack';
import { buildLargeGraph } from '@/core/testing/large-graph';

const NODES = Number(process.env.BENCH_NODES ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
}

function printTopFunctions(p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (p.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  // Inclusive time per function (a function's own samples plus everything it called).
  const parent = new Map<number, number>();
  for (const n of p.nodes as { id: number; children?: number[] }[]) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  (p.samples ?? []).forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
    }
  });
  console.log('--- inclusive');
  for (const [k, ms] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

/** BENCH_TRACE=1 (one open) or BENCH_TRACE=click (the first click → inspector): where the main thread's time went. */
function printTraceSummary(buf: Buffer): void {
  if (process.env.BENCH_TRACE_FILE) writeFileSync(process.env.BENCH_TRACE_FILE, buf);
  const events = (JSON.parse(buf.toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number }[] }).traceEvents;
  const main = new Map<number, number>();
  for (const e of events) if (e.name === 'RunTask' && e.dur) main.set(e.tid, (main.get(e.tid) ?? 0) + e.dur);
  const mainTid = [...main.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals = new Map<string, number>();
  for (const e of events) if (e.tid === mainTid && e.ph === 'X' && e.dur && e.name !== 'RunTask') totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  for (const [k, ms] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

// Other work on the machine skews these figures: report the load average around the run.
const loadBefore = os.loadavg().map((l) => +l.toFixed(2));
const stack = await startBenchStack();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1440, height: 900 } });
  const api = context.request;
  const login = await api.post('/api/v1/auth/login', { data: stack.admin });
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
  const connections = (await (await api.get('/api/v1/connections')).json()).items as { id: string; kind: string }[];
  const ids = {
    defenderConnectionId: connections.find((c) => c.kind === 'defender')!.id,
    smtpConnectionId: connections.find((c) => c.kind === 'smtp')!.id,
  };
  const graph = buildLargeGraph(NODES, ids);
  const created = await api.post('/api/v1/flows', { data: { name: `Bench ${NODES} nodes`, graph } });
  const flowId = (await created.json()).id as string;

  const page = await context.newPage();
  // BENCH_PROFILE=1: CPU-profile one open and print the functions with the most self time.
  const profile = process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'click';
  const profileClick = process.env.BENCH_PROFILE === 'click';
  // BENCH_PROFILE_ROUND / BENCH_TRACE_ROUND: which round to look at (later rounds follow a drag and a save).
  const profileRound = Number(process.env.BENCH_PROFILE_ROUND ?? 0);
  const cdp = profile ? await context.newCDPSession(page) : null;
  // Main-thread CPU time of the page (thread ticks, not wall clock): what the open costs the
  // browser, and far less skewed than wall-clock times when other work shares the CPU.
  const perf = await context.newCDPSession(page);
  await perf.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpuMs = async () => {
    const { metrics } = await perf.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
  };
  // Warm the route once (server compile caches, JS chunks) so rounds measure the steady state.
  await page.goto(`/flows/${flowId}`);
  await page.locator('.react-flow__node').first().waitFor();

  const opens: { firstNode: number; interactive: number; click: number; clickPainted: number; cpu: { task: number; script: number; style: number; layout: number }; ttfb: number; html: number; domContentLoaded: number }[] = [];
  const drags: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const traceClick = process.env.BENCH_TRACE === 'click' && round === Number(process.env.BENCH_TRACE_ROUND ?? 0);
    const trace = process.env.BENCH_TRACE === '1' && round === 0;
    if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    if (cdp && round === profileRound && !profileClick) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const t0 = Date.now();
    await page.goto(`/flows/${flowId}`, { waitUntil: 'commit' });
    await page.locator('.react-flow__node').first().waitFor();
    const firstNode = Date.now() - t0;
    // Large flows render only what is in view: pick the drawn node nearest the canvas centre.
    const nodeId = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="editor-canvas"]')!.getBoundingClientRect();
      const cx = canvas.left + canvas.width / 2;
      const cy = canvas.top + canvas.height / 2;
      let best: { id: string; d: number } | null = null;
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
        if (!best || d < best.d) best = { id: el.dataset.id ?? '', d };
      }
      return best?.id ?? '';
    });
    const target = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    if (cdp && round === profileRound && profileClick) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (traceClick) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    // In the page: from the pointer going down to the inspector showing the step and the next
    // frame after it (what the user waits for, without Playwright's actionability checks).
    await page.evaluate(`(() => {
      window.__click = { down: null, shown: null, painted: null };
      document.addEventListener('pointerdown', () => { window.__click.down ??= performance.now(); }, { capture: true, once: true });
      const seen = () => {
        if (window.__click.shown !== null || !document.querySelector('[data-testid="inspector"][data-node-id="${nodeId}"]')) return;
        window.__click.shown = performance.now();
        requestAnimationFrame(() => setTimeout(() => { window.__click.painted = performance.now(); }, 0));
      };
      new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-node-id'] });
    })()`);
    const tClick = Date.now();
    await target.click();
    await page.locator(`[data-testid="inspector"][data-node-id="${nodeId}"]`).waitFor();
    const interactive = Date.now() - t0;
    const click = Date.now() - tClick;
    await page.waitForFunction('window.__click.painted !== null');
    const inPage = (await page.evaluate('window.__click')) as { down: number; shown: number; painted: number };
    const clickPainted = Math.round(inPage.painted - inPage.down);
    if (traceClick) printTraceSummary(await browser.stopTracing());
    const rendered = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.react-flow__node').length,
      edges: document.querySelectorAll('.react-flow__edge').length,
      elements: document.querySelectorAll('*').length,
    }));
    if (round === 0) console.log('rendered after open:', JSON.stringify(rendered));
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ttfb: Math.round(e.responseStart), html: Math.round(e.responseEnd), domContentLoaded: Math.round(e.domContentLoadedEventEnd) };
    });
    // The counters restart with each document, so this is the cost since the navigation.
    const c = await cpuMs();
    const cpu = { task: Math.round(c.task), script: Math.round(c.script), style: Math.round(c.style), layout: Math.round(c.layout) };
    opens.push({ firstNode, interactive, click, clickPainted, cpu, ...nav });
    if (trace) printTraceSummary(await browser.stopTracing());
    if (cdp && round === profileRound) printTopFunctions((await cdp.send('Profiler.stop')).profile);

    // Frame times while dragging a node 300 px in 60 steps.
    const box = await target.boundingBox();
    if (!box) throw new Error('node has no box');
    // A string, not a function: tsx's keepNames would inject a helper the page does not have.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) {
      await page.mouse.move(box.x + box.width / 2 + i * 5, box.y + 10 + i * 2);
    }
    await page.mouse.up();
    // Let autosave finish, or the next open rightly offers to recover the unsaved move.
    await page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 15_000 });
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    drags.push(frames);
    // BENCH_LONG_FRAMES=1: where in the recording (index: ms) the frames over 50 ms fall.
    if (process.env.BENCH_LONG_FRAMES) {
      const long = frames.flatMap((f, i) => (f > 50 ? [`${i}: ${Math.round(f)} ms`] : []));
      console.log(`round ${round}: ${frames.length} frames, over 50 ms at`, long.join(', ') || 'none');
    }
  }

  const med = (xs: number[]) => percentile(xs, 50);
  const allFrames = drags.flat();
  const result = {
    nodes: NODES,
    rounds: ROUNDS,
    loadAverage: { before: loadBefore, after: os.loadavg().map((l) => +l.toFixed(2)) },
    firstNodeMs: { median: med(opens.map((o) => o.firstNode)), all: opens.map((o) => o.firstNode) },
    interactiveMs: { median: med(opens.map((o) => o.interactive)), all: opens.map((o) => o.interactive) },
    // From the click (Playwright's actionability checks included) to the inspector showing the step.
    clickToInspectorMs: { median: med(opens.map((o) => o.click)), all: opens.map((o) => o.click) },
    // In the page: pointerdown → inspector shown and the frame after it painted.
    pointerDownToInspectorPaintedMs: { median: med(opens.map((o) => o.clickPainted)), all: opens.map((o) => o.clickPainted) },
    // Main-thread CPU from navigation to the inspector showing the step (all tasks; of which
    // script, style recalculation and layout).
    mainThreadCpuMs: {
      task: { median: med(opens.map((o) => o.cpu.task)), all: opens.map((o) => o.cpu.task) },
      script: med(opens.map((o) => o.cpu.script)),
      style: med(opens.map((o) => o.cpu.style)),
      layout: med(opens.map((o) => o.cpu.layout)),
    },
    serverMs: { ttfb: med(opens.map((o) => o.ttfb)), html: med(opens.map((o) => o.html)), domContentLoaded: med(opens.map((o) => o.domContentLoaded)) },
    dragFrameMs: {
      p50: +percentile(allFrames, 50).toFixed(1),
      p95: +percentile(allFrames, 95).toFixed(1),
      max: +Math.max(...allFrames).toFixed(1),
      over50ms: allFrames.filter((f) => f > 50).length,
      frames: allFrames.length,
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await stack.stop();
}
