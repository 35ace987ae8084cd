// The admin System page (issue 8): an admin reaches it from the nav and sees the running worker's
// heartbeat, the four queues, alert polling and the worker counters, matching GET /api/v1/system;
// an editor and a viewer get the 403 page, no nav link, and a 403 from the API.
import { createHash, randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { signIn, snap } from './helpers';

const BASE = 'http://localhost:3100';

/** A user of `role` with a live session, made in the e2e database. */
async function pageAs(browser: Browser, role: 'editor' | 'viewer'): Promise<Page> {
  const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/riposte_e2e' });
  await client.connect();
  const email = `${role}-${randomBytes(4).toString('hex')}@riposte.test`;
  const token = `rps_${randomBytes(32).toString('base64url')}`;
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "User" ("id", "email", "passwordHash", "role") VALUES (gen_random_uuid(), $1, 'not-a-hash', $2) RETURNING "id"`,
      [email, role],
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

interface Overview {
  version: string;
  workers: { ok: boolean; data?: { id: string; stale: boolean }[] };
  queues: { ok: boolean; data?: { queue: string }[] };
}

test('system page: an admin sees the worker heartbeat, the queues, polling and the counters', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'System' }).click();
  await expect(page).toHaveURL(/\/system$/);
  await expect(page.getByRole('heading', { name: 'System', level: 1 })).toBeVisible();

  // The stack's worker beats every few seconds: alive, not stale.
  const workers = page.getByTestId('system-workers');
  await expect(workers).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('worker-row').filter({ hasText: 'Alive' }).first()).toBeVisible();
  await expect(page.getByTestId('worker-row').first()).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('stat-workers-value')).not.toHaveText('0');

  const queues = page.getByTestId('system-queues');
  await expect(queues).toHaveAttribute('data-state', 'ok');
  for (const q of ['runs', 'poll', 'maintenance', 'schedule']) await expect(queues.locator(`[data-queue="${q}"]`)).toBeVisible();

  // The demo tenant is polled every 2 s by the stack's worker.
  await expect(page.getByTestId('system-polling')).not.toHaveAttribute('data-state', 'error');
  const counters = page.getByTestId('system-counters');
  for (const m of ['riposte_mde_calls_total', 'riposte_rate_limiter_total', 'riposte_reconciler_runs_total', 'riposte_reaper_runs_total']) {
    await expect(counters.locator(`[data-metric="${m}"]`)).toBeVisible();
  }
  // No section failed to read (each shows data-state="error" and a role=alert message then).
  await expect(page.locator('[data-testid^="system-"][data-state="error"]')).toHaveCount(0);

  const res = await page.request.get('/api/v1/system');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Overview;
  await expect(page.getByTestId('system-version')).toContainText(`Riposte ${body.version}`);
  expect(body.workers.ok).toBe(true);
  expect(body.workers.data?.some((w) => !w.stale)).toBe(true);
  expect(body.queues.data?.map((q) => q.queue)).toEqual(['runs', 'poll', 'maintenance', 'schedule']);
  await snap(page, 'system');
});

for (const role of ['editor', 'viewer'] as const) {
  test(`system page: an ${role} gets the 403 page, no nav link and a 403 from the API`, async ({ browser }) => {
    const page = await pageAs(browser, role);
    await page.goto('/flows');
    await expect(page.getByTestId('current-user')).toContainText(`${role}-`);
    await expect(page.getByRole('link', { name: 'System', exact: true })).toHaveCount(0);
    await page.goto('/system');
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByText('You do not have access to this page')).toBeVisible();
    expect((await page.request.get('/api/v1/system')).status()).toBe(403);
    await page.context().close();
  });
}
