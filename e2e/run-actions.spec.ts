// Acting on runs from the browser: resubmit a finished run from its page (landing on the new
// run, which links back), and bulk-resubmit from the run list.
import { expect, test } from '@playwright/test';
import { TEMPLATE_FLOW, raiseAlert, signIn, snap } from './helpers';

test('resubmit a run from its page and several from the run list', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const api = page.request;
  const flows = (await (await api.get('/api/v1/flows')).json()) as { items: { id: string; name: string }[] };
  const flow = flows.items.find((f) => f.name === TEMPLATE_FLOW);
  if (!flow) throw new Error('template flow missing');
  expect((await api.post(`/api/v1/flows/${flow.id}/publish`)).status()).toBe(200);
  expect((await api.post(`/api/v1/flows/${flow.id}/enable`)).status()).toBe(200);

  try {
    await page.goto('/flows');
    const low = await raiseAlert(page, 'Low');
    await page.goto('/runs');
    const row = page.locator(`[data-testid="run-row"][data-alert-id="${low.id}"]`);
    await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    const originalId = await row.getAttribute('data-run-id');

    // From the run page: Resubmit on this version → the new run, linked to the original.
    await row.getByTestId('run-link').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
    await snap(page, 'run-actions-detail');
    await page.getByRole('button', { name: 'Resubmit' }).click();
    await expect(page).not.toHaveURL(new RegExp(`/runs/${originalId}$`));
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await expect(page.getByTestId('run-resubmitted-from')).toHaveAttribute('href', `/runs/${originalId}`);

    // From the list: tick two runs, resubmit them together.
    await page.goto('/runs');
    const boxes = page.getByTestId('run-row').getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const bar = page.getByTestId('bulk-run-actions');
    await expect(bar).toContainText('2 selected');
    await snap(page, 'run-actions-bulk');
    await bar.getByRole('button', { name: 'Resubmit selected' }).click();
    await expect(bar.getByRole('status')).toHaveText('2 runs resubmitted.');
  } finally {
    await api.post(`/api/v1/flows/${flow.id}/disable`);
  }
});
