// The audit log page: an admin's change shows up with who, what, target and from where; the
// category and actor filters narrow it; details open as JSON text; the JSON lines export
// downloads what the page filters; the empty and bad-filter states read well; a viewer gets
// the 403 page and the API refuses them.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { ADMIN, createFlow, signIn, snap } from './helpers';

const BASE = 'http://localhost:3100';

/** A viewer with a live session, made in the e2e database (there is no invite flow to drive yet). */
async function viewerPage(browser: Browser): Promise<Page> {
  const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/riposte_e2e' });
  await client.connect();
  const email = `viewer-${randomBytes(4).toString('hex')}@riposte.test`;
  const token = `rps_${randomBytes(32).toString('base64url')}`;
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "User" ("id", "email", "passwordHash", "role") VALUES (gen_random_uuid(), $1, 'not-a-hash', 'viewer') RETURNING "id"`,
      [email],
    );
    await client.query(`INSERT INTO "Session" ("id", "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, now() + interval '1 hour')`, [
      createHash('sha256').update(token).digest('hex'),
      rows[0]?.id,
    ]);
  } finally {
    await client.end();
  }
  const context = await browser.newContext({ baseURL: BASE });
  await context.addCookies([{ name: 'riposte_session', value: token, url: BASE, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

test('audit log: a change is listed, filtered, expanded and exported', async ({ page }) => {
  await signIn(page);
  const name = `Audited ${randomBytes(3).toString('hex')}`;
  const flowId = await createFlow(page, name);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const created = page.getByTestId('audit-row').filter({ has: page.locator(`a[href="/flows/${flowId}"]`) });
  await expect(created).toHaveCount(1);
  await expect(created).toHaveAttribute('data-action', 'flow.create');
  await expect(created).toContainText('Flow created');
  await expect(created.getByTestId('audit-actor-cell')).toHaveText(ADMIN.email);
  await expect(created.getByTestId('audit-ip-cell')).not.toHaveText('—');
  // The sign-in is there too.
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Signed in' }).first()).toBeVisible();
  await snap(page, 'audit');

  // Details open as text, not HTML.
  await created.getByTestId('audit-details').locator('summary').click();
  await expect(created.getByTestId('audit-details').locator('pre')).toContainText(`"name": "${name}"`);

  // Category filter (select submits on change), then the actor filter on Enter.
  await page.getByTestId('audit-category').selectOption('flows');
  await expect(page).toHaveURL(/category=flows/);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  for (const action of await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))) {
    expect(action).toMatch(/^flow\./);
  }
  await page.getByTestId('audit-actor').fill('admin@');
  await page.getByTestId('audit-actor').press('Enter');
  await expect(page).toHaveURL(/actor=admin%40/);
  await expect(created).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Signed in' })).toHaveCount(0);
  await snap(page, 'audit-filtered');

  // The export carries the same filters and downloads JSON lines.
  await expect(page.getByTestId('audit-export')).toHaveAttribute('href', /^\/api\/v1\/audit\/export\?.*category=flows/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^riposte-audit-\d{8}T\d{4}Z\.jsonl$/);
  const lines = (await readFile(await download.path(), 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; targetId: string | null; actorEmail: string });
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => l.action.startsWith('flow.') && l.actorEmail.includes('admin@'))).toBe(true);
  expect(lines.some((l) => l.action === 'flow.create' && l.targetId === flowId)).toBe(true);

  // The export is audited.
  await page.goto('/audit?action=audit.export');
  await expect(page.getByTestId('audit-row').first()).toContainText('Audit log exported');

  // Nothing matches: the empty state; a bad date: the error state.
  await page.goto('/audit?actor=nobody-matches-this');
  await expect(page.getByTestId('audit-empty')).toContainText('No entries match these filters');
  await snap(page, 'audit-empty');
  await page.goto('/audit?range=custom&from=not-a-date');
  await expect(page.getByTestId('audit-error')).toContainText('from');
  await snap(page, 'audit-error');
});

test('audit log: a viewer gets the 403 page and the API refuses them', async ({ browser }) => {
  const page = await viewerPage(browser);
  await page.goto('/flows');
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  expect((await page.request.get('/api/v1/audit')).status()).toBe(403);
  expect((await page.request.get('/api/v1/audit/export')).status()).toBe(403);
  await page.context().close();
});
