// Screenshots of the designer at 1280×800 for reviewing its look: no selection, a step selected
// (inspector open), the checker open, and a step picked from the checker (framed left of the
// inspector), and a 500-step flow as it opens and zoomed out (steps drawn as they come into view
// must connect exactly as the ones drawn first). Uses the benchmark stack (port 3200, database riposte_bench); needs `next build`.
// Run: npx tsx scripts/designer-screenshots.ts   → e2e/screenshots/designer-look-*.png
import { chromium, type Page } from '@playwright/test';
import { startBenchStack } from '../bench/lib/stack';
import { buildEdge, buildNode, buildSeedFlowGraph } from '@/core/testing/builders';
import { buildLargeGraph } from '@/core/testing/large-graph';

const OUT = 'e2e/screenshots';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500); // let view animations (fit, reveal) finish
  await page.screenshot({ path: `${OUT}/designer-look-${name}.png` });
  console.log(`${OUT}/designer-look-${name}.png`);
}

const stack = await startBenchStack();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 800 } });
  const api = context.request;
  if (!(await api.post('/api/v1/auth/login', { data: stack.admin })).ok()) throw new Error('login failed');
  const connections = (await (await api.get('/api/v1/connections')).json()).items as { id: string; kind: string }[];
  const ids = { defenderConnectionId: connections.find((c) => c.kind === 'defender')!.id, smtpConnectionId: connections.find((c) => c.kind === 'smtp')!.id };
  const graph = buildSeedFlowGraph({ ...ids, socEmail: 'soc@contoso.example' });
  // A half-configured step on the "no" branch, so the checker has something to say.
  graph.nodes.push(buildNode('notify_team', 'email.send', {}, { label: 'Tell the team', position: { x: 1120, y: 100 } }));
  graph.edges.push(buildEdge('is_high', 'notify_team', 'false', 'e5'));
  const created = await api.post('/api/v1/flows', { data: { name: 'Isolate device on High severity alert', graph } });
  const flowId = (await created.json()).id as string;

  const page = await context.newPage();
  await page.goto(`/flows/${flowId}`);
  await page.locator('.react-flow__node').first().waitFor();
  // The flow has errors, so the checker opens at start: close it for the first picture.
  const checker = page.getByTestId('checker-panel').getByRole('button', { name: /^Flow checker:/ });
  if ((await checker.getAttribute('aria-expanded')) === 'true') await checker.click();
  await shot(page, '1-no-selection');

  await page.locator('.react-flow__node[data-id="notify_soc"]').click();
  await page.locator('[data-testid="inspector"][data-node-id="notify_soc"]').waitFor();
  await shot(page, '2-step-selected');

  await page.getByRole('button', { name: 'Close inspector' }).click();
  await checker.click();
  await shot(page, '3-checker-open');

  await page.getByTestId('checker-issue').filter({ hasText: 'Tell the team' }).first().click();
  await page.locator('[data-testid="inspector"][data-node-id="notify_team"]').waitFor();
  await shot(page, '4-checker-pick');

  const large = await api.post('/api/v1/flows', { data: { name: 'Large flow (500 steps)', graph: buildLargeGraph(500, ids) } });
  await page.goto(`/flows/${(await large.json()).id as string}`);
  await page.locator('.react-flow__node').first().waitFor();
  await shot(page, '5-large-flow');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  await shot(page, '6-large-flow-zoomed-out');
} finally {
  await browser.close();
  await stack.stop();
}
