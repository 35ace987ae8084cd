// "Run now" from the designer: pick a recent Defender alert from the searchable list, run this
// draft on it, follow the link to the run and see it succeed as a manual run.
import { expect, test } from '@playwright/test';
import { TEMPLATE_FLOW, raiseAlert, signIn, snap } from './helpers';

test('run the seed flow now on an alert picked from the list', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const alert = await raiseAlert(page, 'High');

  await page.getByRole('link', { name: TEMPLATE_FLOW }).click();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByRole('button', { name: 'Run now' }).click();

  const dialog = page.getByTestId('run-now-dialog');
  await expect(dialog).toBeVisible();
  // The draft needs no publish first; it still has to pass the publish checks on the server.
  await dialog.getByLabel(/This draft/).check();
  const list = dialog.getByTestId('run-now-alerts');
  await expect(list.locator('[data-alert-id]').first()).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: 'e2e/screenshots/run-now-dialog-list.png' });
  // Search narrows the list to the alert just raised (by its id).
  await dialog.getByLabel('Search alerts by title or id').fill(alert.id);
  await expect(list.locator('[data-alert-id]')).toHaveCount(1, { timeout: 20_000 });
  await list.locator(`[data-alert-id="${alert.id}"]`).click();
  await expect(list.getByRole('option', { selected: true })).toContainText(alert.title);
  await page.screenshot({ path: 'e2e/screenshots/run-now-dialog.png' });

  await dialog.getByTestId('run-now-start').click();
  await expect(dialog.getByRole('status')).toContainText('The run has started.');
  await dialog.getByTestId('run-now-open').click();

  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-alert-title')).toHaveText(alert.title);
  await expect(page.getByTestId('run-trigger')).toContainText('Manual');
  await expect(page.getByTestId('run-trigger')).toContainText('by admin@riposte.test');
  await expect(page.locator('[data-testid="step-row"][data-node-id="isolate"]')).toHaveAttribute('data-status', 'succeeded');
  await snap(page, 'run-detail-manual');
  const firstRunUrl = page.url();

  // "Test with previous data": the same trigger data again, from the earlier run.
  await page.goBack();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Run now' }).click();
  await dialog.getByLabel(/This draft/).check();
  await dialog.getByRole('tab', { name: 'Data of an earlier run' }).click();
  const runs = dialog.getByTestId('run-now-runs');
  await expect(runs.getByRole('option').first()).toContainText(alert.title);
  await runs.getByRole('option').first().getByRole('button').click();
  await dialog.getByTestId('run-now-start').click();
  await dialog.getByTestId('run-now-open').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(firstRunUrl);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-alert-title')).toHaveText(alert.title);
});
