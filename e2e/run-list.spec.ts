// The run list in the browser (issue 6): status chips with counts, severity / title / alert id
// filters in the URL, the empty and error states, a flow's own run list, and bulk resubmit of
// the filtered runs with "select all"; the newest page follows new runs live.
import { expect, test } from '@playwright/test';
import { TEMPLATE_FLOW, raiseAlert, signIn, snap } from './helpers';

test('filter the run list, then resubmit the filtered runs together', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const api = page.request;
  const flows = (await (await api.get('/api/v1/flows')).json()) as { items: { id: string; name: string }[] };
  const flow = flows.items.find((f) => f.name === TEMPLATE_FLOW);
  if (!flow) throw new Error('template flow missing');
  expect((await api.post(`/api/v1/flows/${flow.id}/publish`)).status()).toBe(200);
  expect((await api.post(`/api/v1/flows/${flow.id}/enable`)).status()).toBe(200);

  try {
    await page.goto('/flows');
    const high = await raiseAlert(page, 'High');
    const low = await raiseAlert(page, 'Low');
    await page.goto('/runs');
    const rowOf = (alertId: string) => page.locator(`[data-testid="run-row"][data-alert-id="${alertId}"]`);
    await expect(rowOf(high.id)).toHaveAttribute('data-status', /succeeded|failed/, { timeout: 45_000 });
    await expect(rowOf(low.id)).toHaveAttribute('data-status', /succeeded|failed/, { timeout: 45_000 });

    // Live: a new alert's run appears on the open page without a reload (server-sent events).
    await expect(page.getByTestId('runs-live')).toHaveAttribute('data-mode', 'stream');
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const raised = await api.post('/api/v1/demo/alerts', { data: { severity: 'Medium' } });
    expect(raised.ok()).toBe(true);
    const medium = (await raised.json()) as { id: string };
    await expect(rowOf(medium.id)).toBeVisible({ timeout: 45_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // Status chips count the runs; choosing one filters by it (and shows as on).
    const chips = page.getByTestId('status-chips');
    await expect(chips.getByTestId('status-chip-all')).toContainText(/All\s*\d+/);
    const status = (await rowOf(low.id).getAttribute('data-status')) as string;
    await chips.getByTestId(`status-chip-${status}`).click();
    await expect(page).toHaveURL(new RegExp(`status=${status}`));
    await expect(chips.getByTestId(`status-chip-${status}`)).toHaveAttribute('data-active', 'true');
    for (const s of await page.getByTestId('run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) expect(s).toBe(status);
    await chips.getByTestId('status-chip-all').click();
    await expect(page).not.toHaveURL(/status=/);

    // Severity: the Low alert's run disappears, the High one stays.
    await page.locator('select[name=severity]').selectOption('High');
    await expect(page).toHaveURL(/severity=High/);
    await expect(rowOf(high.id)).toBeVisible();
    await expect(rowOf(low.id)).toHaveCount(0);
    await page.locator('select[name=severity]').selectOption('');
    await expect(page).not.toHaveURL(/severity=/);

    // Title search (case-insensitive) and the alert id filter.
    const search = page.getByTestId('runs-search');
    await search.fill(low.title.slice(2, 14).toUpperCase());
    await search.press('Enter');
    await expect(page).toHaveURL(/q=/);
    await expect(rowOf(low.id)).toBeVisible();
    for (const t of await page.getByTestId('run-title').allTextContents()) expect(t.toLowerCase()).toContain(low.title.slice(2, 14).toLowerCase());
    await page.getByTestId('runs-clear').click();
    await expect(page).not.toHaveURL(/q=/);
    // The form is rebuilt for the new URL: its fields are empty again.
    await expect(search).toHaveValue('');
    await page.locator('input[name=alertId]').fill(high.id);
    await page.getByTestId('runs-apply').click();
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(rowOf(high.id)).toBeVisible();
    await page.locator('select[name=range]').selectOption('1h');
    await expect(page).toHaveURL(/range=1h/);
    await expect(rowOf(high.id)).toBeVisible();
    await snap(page, 'runs-list-filters');

    // Nothing matches: the empty state says so and offers to clear.
    await page.goto('/runs?q=no-such-alert-title-anywhere');
    await expect(page.getByText('No runs match these filters')).toBeVisible();
    await expect(page.getByTestId('runs-clear')).toBeVisible();
    await snap(page, 'runs-list-empty');

    // A bad value in the URL: a message on the page, not an error page.
    await page.goto('/runs?from=yesterday-ish&severity=High');
    await expect(page.getByTestId('runs-error')).toContainText('These filters could not be applied');
    await expect(page.getByTestId('runs-error')).toContainText('from');
    await snap(page, 'runs-list-error');

    // A flow's own run list, from the designer's header.
    await page.goto(`/flows/${flow.id}`);
    await page.getByTestId('flow-runs-link').click();
    await expect(page.getByRole('heading', { name: `Runs of ${TEMPLATE_FLOW}` })).toBeVisible();
    await expect(rowOf(high.id)).toBeVisible();

    // Bulk resubmit what the filter shows: select all on the page.
    await page.locator('select[name=severity]').selectOption('High');
    await expect(page).toHaveURL(/severity=High/);
    await expect(rowOf(low.id)).toHaveCount(0);
    const count = await page.getByTestId('run-row').count();
    await page.getByRole('checkbox', { name: 'Select all runs on this page' }).check();
    const bar = page.getByTestId('bulk-run-actions');
    await expect(bar).toContainText(`${count} selected`);
    await snap(page, 'runs-list-bulk');
    await bar.getByRole('button', { name: 'Resubmit selected' }).click();
    await expect(bar.getByRole('status')).toHaveText(`${count} run${count === 1 ? '' : 's'} resubmitted.`);
    // The resubmits are new runs of the same alert: the alert id filter finds both.
    await page.goto(`/runs?alertId=${encodeURIComponent(high.id)}`);
    await expect(page.getByTestId('run-row')).toHaveCount(2);
  } finally {
    await api.post(`/api/v1/flows/${flow.id}/disable`);
  }
});
