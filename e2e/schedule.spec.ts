// A schedule flow in the browser: the inspector's schedule widget (summary, next runs in the
// zone), publish + switch on starts ticking at once (the web upserts the job scheduler), the
// runs list says "Schedule", and "Run now" on a schedule flow needs no trigger data.
import { expect, test } from '@playwright/test';
import { canvasNode, expectSaved, inspectorField, publishAndSwitchOn, signIn, snap } from './helpers';

test('schedule trigger: edit, publish, tick, run now', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'schedule.recurrence', label: 'On a schedule', position: { x: 0, y: 0 }, params: { mode: 'interval', every: 15, unit: 'minutes' } },
      {
        id: 'check', type: 'control.condition', label: 'Has a time zone', position: { x: 300, y: 0 },
        params: { combinator: 'and', rules: [{ left: '{{ trigger.timezone }}', operator: 'isNotEmpty', right: '' }] },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'check' }],
  };
  const created = await page.request.post('/api/v1/flows', { data: { name: 'Every minute check', graph } });
  expect(created.status()).toBe(200);
  const flowId = ((await created.json()) as { id: string }).id;

  await page.goto(`/flows/${flowId}`);
  await expectSaved(page);
  await canvasNode(page, 'trigger').click();
  const field = inspectorField(page, 'schedule');
  await expect(field.getByTestId('schedule-summary')).toHaveText('Every 15 minutes');

  await field.getByRole('radio', { name: 'Cron expression' }).click();
  await field.getByLabel('Cron expression').fill('30 9 * * 1-5');
  await field.getByLabel('Time zone').fill('Europe/Paris');
  await expect(field.getByTestId('schedule-summary')).toHaveText('Every weekday (Monday to Friday) at 09:30 (Europe/Paris)');
  await expect(field.getByTestId('schedule-next-runs').locator('li')).toHaveCount(3);
  await expect(field.getByTestId('schedule-next-runs').locator('li').first()).toContainText('09:30 (Europe/Paris)');
  await snap(page, 'schedule-inspector-cron');

  // A bad expression is explained in place, before publishing.
  await field.getByLabel('Cron expression').fill('61 9 * * *');
  await expect(field.getByTestId('schedule-preview')).toContainText('not valid');

  // Back to a recurrence of one minute: switching on fires the first tick at once.
  await field.getByRole('radio', { name: 'Recurrence' }).click();
  await field.getByLabel('Every', { exact: true }).fill('1');
  await field.getByLabel('Unit').selectOption('minutes');
  await expect(field.getByTestId('schedule-summary')).toHaveText('Every minute');
  await expectSaved(page);
  await publishAndSwitchOn(page);

  await page.goto(`/runs?flowId=${flowId}`);
  const row = page.locator('[data-testid="run-row"][data-status="succeeded"]').filter({ has: page.getByTestId('run-trigger-kind').filter({ hasText: 'Schedule' }) });
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  await snap(page, 'runs-schedule');
  await row.first().getByTestId('run-link').click();
  await expect(page.getByTestId('run-trigger')).toHaveText('Schedule');
  await expect(page.getByTestId('run-scheduled-for')).toContainText('UTC');

  // Run now: no trigger data to choose for a schedule flow.
  await page.goto(`/flows/${flowId}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  const dialog = page.getByTestId('run-now-dialog');
  await expect(dialog).toContainText('runs once now');
  await dialog.getByTestId('run-now-start').click();
  await dialog.getByTestId('run-now-open').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-trigger')).toContainText('Manual');

  // Switched off: the flow stops ticking (its scheduler is removed).
  await page.goto(`/flows/${flowId}`);
  const toggle = page.getByRole('switch', { name: 'Flow on' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
});
