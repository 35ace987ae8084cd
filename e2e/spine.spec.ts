// The acceptance test of the spine: publish the template flow, switch it on, let two demo
// alerts run through it, read the results, switch it off and see that nothing new runs.
import { expect, test, type Page } from '@playwright/test';
import { TEMPLATE_FLOW, raiseAlert, signIn, snap, publishAndSwitchOn } from './helpers';

const POLL_SECONDS = 2;

function runRow(page: Page, alertId: string) {
  return page.locator(`[data-testid="run-row"][data-alert-id="${alertId}"]`);
}

function step(page: Page, nodeId: string) {
  return page.locator(`[data-testid="step-row"][data-node-id="${nodeId}"]`);
}

test('alert → flow → run history → off', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);

  // The template flow and its graph.
  await page.getByRole('link', { name: TEMPLATE_FLOW }).click();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  const flowId = page.url().split('/').pop() ?? '';
  await expect(page.getByTestId('flow-name')).toHaveText(TEMPLATE_FLOW);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  for (const id of ['trigger', 'get_alert', 'is_high', 'isolate', 'notify_soc']) {
    await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeVisible();
  }

  // Publish from the designer's toolbar, then switch on; both must survive a reload.
  await publishAndSwitchOn(page);
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Flow on' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await snap(page, 'flow-detail');

  // Two demo alerts: one High (isolate + email), one Low (the "no" branch).
  await page.goto('/flows');
  const high = await raiseAlert(page, 'High');
  const low = await raiseAlert(page, 'Low');

  // The worker polls every 2 s; /runs refreshes itself every 3 s.
  await page.goto('/runs');
  await expect(runRow(page, high.id)).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(runRow(page, low.id)).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await snap(page, 'runs');

  // High: isolated and the SOC told.
  await runRow(page, high.id).getByTestId('run-link').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-alert-title')).toHaveText(high.title);
  await expect(step(page, 'is_high').getByTestId('condition-branch')).toHaveText('yes');
  await expect(step(page, 'isolate')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'notify_soc')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.locator('.react-flow__node[data-id="isolate"] [data-testid="graph-node"]')).toHaveAttribute('data-status', 'succeeded');
  await step(page, 'isolate').getByText('Show input and output').click();
  await snap(page, 'run-detail-high');

  // Low: the condition said no, so nothing was isolated and no email went out.
  await page.goto('/runs');
  await runRow(page, low.id).getByTestId('run-link').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'is_high').getByTestId('condition-branch')).toHaveText('no');
  await expect(step(page, 'isolate')).toHaveAttribute('data-status', 'skipped');
  await expect(step(page, 'notify_soc')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('.react-flow__node[data-id="notify_soc"] [data-testid="graph-node"]')).toHaveAttribute('data-status', 'skipped');
  await snap(page, 'run-detail-low');

  // The SOC email for the High alert reached the demo outbox.
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByTestId('email-subject').filter({ hasText: high.title }).first()).toBeVisible({ timeout: 15_000 });
  await snap(page, 'outbox');

  await page.goto('/flows');
  await expect(page.getByTestId(`flow-toggle-${flowId}`)).toHaveAttribute('data-state', 'on');
  await snap(page, 'flows');

  // Off: no new runs, even for a High alert.
  await page.getByTestId(`flow-toggle-${flowId}`).click();
  await expect(page.getByTestId(`flow-toggle-${flowId}`)).toHaveAttribute('data-state', 'off');
  // The switch flips at once (optimistic); reload only once the server has answered.
  await expect(page.getByTestId(`flow-toggle-${flowId}`)).not.toHaveAttribute('data-pending', 'true');
  await page.reload();
  await expect(page.getByTestId(`flow-toggle-${flowId}`)).toHaveAttribute('data-state', 'off');
  await page.goto('/runs');
  const runsBefore = await page.getByTestId('run-row').count();
  await page.goto('/flows');
  const ignored = await raiseAlert(page, 'High');
  // Deliberate fixed wait: proving an absence needs a window (3 poll intervals + margin).
  await page.waitForTimeout((POLL_SECONDS * 3 + 2) * 1000);
  await page.goto('/runs');
  await expect(runRow(page, ignored.id)).toHaveCount(0);
  await expect(page.getByTestId('run-row')).toHaveCount(runsBefore);

  // Filters come from the query string; a bad value is a message on the page, not an error page.
  await page.goto('/runs?status=failed');
  await expect(page.getByTestId('status-chip-failed')).toHaveAttribute('data-active', 'true');
  // Earlier specs may have left failed runs (run-live makes one on purpose): only those show.
  for (const s of await page.getByTestId('run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) expect(s).toBe('failed');
  await page.goto(`/runs?status=succeeded&flowId=${flowId}`);
  await expect(runRow(page, high.id)).toBeVisible();
  // (Scoped to this flow: earlier specs' runs may push this one off the first page.)
  await page.goto(`/runs?status=bogus&cursor=not-a-cursor&flowId=${flowId}`);
  // The filters form and a clear message stay on the page; "Clear filters" leads back to the list.
  await expect(page.getByTestId('runs-error')).toContainText('could not be applied');
  await page.getByTestId('runs-error').getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs\\?flowId=${flowId}$`));
  await expect(runRow(page, high.id)).toBeVisible();
});
