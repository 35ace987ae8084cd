// Issue 5's acceptance flow, built in the designer by mouse: every day at 08:00 → advanced
// hunting query → for each row → tag the machine → post a Teams card. Then "Run now", and the
// run tags every hunted device and posts one card per device to the demo Teams channel (the
// local webhook capture, shown in the Outbox).
import { expect, test, type Page } from '@playwright/test';
import { canvasEdge, canvasNode, connectSteps, dropFromPalette, expectSaved, inspectorField, pickToken, signIn, snap, createFlowFromGraph } from './helpers';

const QUERY = 'DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName, OSPlatform, Timestamp';

async function openStep(page: Page, id: string): Promise<void> {
  if ((await page.getByTestId('inspector').count()) > 0) await closeInspector(page);
  await canvasNode(page, id).click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

async function closeInspector(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
}

/** Drops a palette step one column right of `after` and waits for it to be selected. */
async function dropAfter(page: Page, type: string, after: string, id: string): Promise<void> {
  if ((await page.getByTestId('inspector').count()) > 0) await closeInspector(page);
  const box = await canvasNode(page, after).boundingBox();
  if (box === null) throw new Error(`${after} is not visible`);
  const column = (box.width * 280) / 220;
  await dropFromPalette(page, type, { x: box.x + box.width / 2 + column, y: box.y + box.height / 2 });
  await expect(canvasNode(page, id)).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

test('every day at 08:00: hunting → for each row → tag machine → Teams card, run now', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);

  // A flow with only its trigger: every day at 08:00 UTC.
  const trigger = { id: 'trigger', type: 'schedule.recurrence', label: 'Every day at 08:00', position: { x: 0, y: 0 }, params: { mode: 'interval', every: 1, unit: 'days', at: '08:00', timezone: 'UTC' } };
  const flowId = await createFlowFromGraph(page.request, 'Hunt servers, tag and tell Teams', { schemaVersion: 1, nodes: [trigger], edges: [] });
  await page.goto(`/flows/${flowId}`);
  await openStep(page, 'trigger');
  await expect(inspectorField(page, 'schedule').getByTestId('schedule-summary')).toHaveText('Every day at 08:00 (UTC)');

  // Drag the four steps in and wire them: the loop's "each" output runs tag → Teams per row.
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 2; i++) await zoomOut.click();
  await dropAfter(page, 'defender.runHuntingQuery', 'trigger', 'run_hunting_query');
  await dropAfter(page, 'control.forEach', 'run_hunting_query', 'for_each');
  await dropAfter(page, 'defender.tagMachine', 'for_each', 'tag_machine');
  await dropAfter(page, 'teams.postCard', 'tag_machine', 'post_to_microsoft_teams');
  await closeInspector(page);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await connectSteps(page, 'trigger', 'out', 'run_hunting_query', { retryUntilConnected: true });
  await connectSteps(page, 'run_hunting_query', 'out', 'for_each', { retryUntilConnected: true });
  await connectSteps(page, 'for_each', 'each', 'tag_machine', { retryUntilConnected: true });
  await connectSteps(page, 'tag_machine', 'out', 'post_to_microsoft_teams', { retryUntilConnected: true });
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(canvasEdge(page, 'for_each', 'tag_machine')).toHaveCount(1);

  // Hunting: the demo tenant, the query, then Get columns makes each column a token.
  await openStep(page, 'run_hunting_query');
  const inspector = page.getByTestId('inspector');
  await inspector.getByLabel('Defender connection').selectOption({ label: 'Demo tenant (demo)' });
  await inspectorField(page, 'query').locator('textarea').fill(QUERY);
  const columns = inspectorField(page, 'columns');
  await columns.getByRole('button', { name: 'Get columns' }).click();
  await expect(columns.getByTestId('columns-status')).toHaveText('4 columns, saved with the step.');

  // For each row of the results.
  await openStep(page, 'for_each');
  await pickToken(inspectorField(page, 'items'), 'Run hunting query', 'Results');
  await expect(inspector.getByLabel('Items')).toHaveValue('{{ run_hunting_query.results }}');

  // Tag the row's device.
  await openStep(page, 'tag_machine');
  await inspector.getByLabel('Defender connection').selectOption({ label: 'Demo tenant (demo)' });
  await pickToken(inspectorField(page, 'machineId'), 'For each', 'Item: DeviceId');
  await expect(inspector.getByLabel('Machine ID')).toHaveValue('{{ for_each.item.DeviceId }}');
  await inspector.getByRole('textbox', { name: 'Tag', exact: true }).fill('riposte-hunted');

  // The Teams card names the device; only webhook connections are offered.
  await openStep(page, 'post_to_microsoft_teams');
  const teamsConnection = inspector.getByLabel('Webhook connection');
  await expect(teamsConnection.locator('option', { hasText: 'Demo tenant' })).toHaveCount(0);
  await teamsConnection.selectOption({ label: 'Demo Teams channel (demo)' });
  const title = inspector.getByRole('textbox', { name: 'Title', exact: true });
  await title.fill('Server tagged: ');
  await pickToken(inspectorField(page, 'title'), 'For each', 'Item: DeviceName');
  await expect(title).toHaveValue('Server tagged: {{ for_each.item.DeviceName }}');
  await inspector.getByRole('textbox', { name: 'Facts', exact: true }).fill('Platform: {{ for_each.item.OSPlatform }}\nTag: riposte-hunted');
  await inspector.getByLabel('Notes').click();
  await expect(page.getByTestId('checker-count')).toHaveAttribute('data-errors', '0');
  await expectSaved(page);
  await closeInspector(page);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await snap(page, 'hunting-teams-flow');

  // Run now (a schedule flow needs no trigger data), on the draft.
  await page.getByRole('button', { name: 'Run now' }).click();
  const dialog = page.getByTestId('run-now-dialog');
  await expect(dialog).toContainText('runs once now');
  await dialog.getByLabel(/This draft/).check();
  await dialog.getByTestId('run-now-start').click();
  await dialog.getByTestId('run-now-open').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  const runId = page.url().split('/').pop() ?? '';

  // Every hunted row was tagged and announced: one tag and one card per row.
  const run = (await (await page.request.get(`/api/v1/runs/${runId}`)).json()) as { steps: { nodeId: string; status: string; output: unknown }[] };
  const hunt = run.steps.find((s) => s.nodeId === 'run_hunting_query')?.output as { results: { DeviceId: string; DeviceName: string }[] };
  expect(hunt.results.length).toBeGreaterThan(0);
  const tagged = run.steps.filter((s) => s.nodeId === 'tag_machine' && s.status === 'succeeded');
  expect(tagged).toHaveLength(hunt.results.length);
  for (const step of tagged) expect((step.output as { machineTags: string[] }).machineTags).toContain('riposte-hunted');
  expect(run.steps.filter((s) => s.nodeId === 'post_to_microsoft_teams' && s.status === 'succeeded')).toHaveLength(hunt.results.length);

  // The cards arrived in the demo Teams channel, one per device, with the device name and facts.
  await page.goto('/outbox?tab=chat');
  const posts = page.getByTestId('webhook-post');
  await expect(posts).toHaveCount(hunt.results.length);
  const first = hunt.results[0]!;
  const card = posts.filter({ hasText: `Server tagged: ${first.DeviceName}` });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('webhook-facts')).toContainText('riposte-hunted');
  await snap(page, 'outbox-teams-cards');
});
