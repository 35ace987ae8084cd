// Benchmark 4 (issue 3 quality bar): open a 500-node flow in the designer in Chromium and drag a
// node. Reports time to first node drawn and to interactive (a click selects a node and the
// inspector shows it), and frame times while dragging (requestAnimationFrame deltas).
// Run: npm run bench -- designer   (needs `next build`; starts its own stack on port 3200)
import { chromium } from '@playwright/test';
import { startBenchStack, percentile } from './lib/stack';
import { buildLargeGraph } from './lib/big-graph';

const NODES = Number(process.env.BENCH_NODES ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

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
  // Warm the route once (server compile caches, JS chunks) so rounds measure the steady state.
  await page.goto(`/flows/${flowId}`);
  await page.locator('.react-flow__node').first().waitFor();

  const opens: { firstNode: number; interactive: number }[] = [];
  const drags: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = Date.now();
    await page.goto(`/flows/${flowId}`, { waitUntil: 'commit' });
    await page.locator('.react-flow__node').first().waitFor();
    const firstNode = Date.now() - t0;
    const target = page.locator('.react-flow__node[data-id="get_alert"]');
    await target.click();
    await page.locator('[data-testid="inspector"][data-node-id="get_alert"]').waitFor();
    const interactive = Date.now() - t0;
    opens.push({ firstNode, interactive });

    // Frame times while dragging a node 300 px in 60 steps.
    const box = await target.boundingBox();
    if (!box) throw new Error('node has no box');
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) {
      await page.mouse.move(box.x + box.width / 2 + i * 5, box.y + 10 + i * 2);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    drags.push(frames);
  }

  const med = (xs: number[]) => percentile(xs, 50);
  const allFrames = drags.flat();
  const result = {
    nodes: NODES,
    rounds: ROUNDS,
    firstNodeMs: { median: med(opens.map((o) => o.firstNode)), all: opens.map((o) => o.firstNode) },
    interactiveMs: { median: med(opens.map((o) => o.interactive)), all: opens.map((o) => o.interactive) },
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
