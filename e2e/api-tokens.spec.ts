// API tokens in the UI (issue 7): create one on /account/tokens, see its secret exactly once,
// call the REST API with it as Bearer, revoke it, and it stops working.
import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers';

test('create a token, use it as Bearer, revoke it and it stops working', async ({ page, context, playwright }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://localhost:3100' });
  await signIn(page);
  await page.goto('/account/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  // The e2e stack starts from an empty database; earlier specs in the same run may have minted tokens.
  if ((await page.getByTestId('token-row').count()) === 0) {
    await expect(page.getByText('No API tokens yet')).toBeVisible();
    await snap(page, 'tokens-empty');
  }

  // Every role up to the admin's own is offered; expiry defaults to 90 days.
  await expect(page.getByLabel('Role').locator('option')).toHaveText(['Viewer', 'Editor', 'Admin']);
  await expect(page.getByLabel('Expires after')).toHaveValue('90');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('create-token-error')).toHaveText(/Give the token a name/);

  const name = `e2e reader ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByLabel('Expires after').selectOption('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  const fresh = page.getByTestId('new-token');
  await expect(fresh).toBeVisible();
  await expect(fresh).toContainText('It will not be shown again');
  const token = (await page.getByTestId('new-token-secret').textContent())?.trim() ?? '';
  expect(token).toMatch(/^rpt_[A-Za-z0-9_-]{40,}$/);
  await fresh.getByRole('button', { name: 'Copy' }).click();
  await expect(fresh.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const row = page.getByTestId('token-row').filter({ hasText: name });
  await expect(row).toContainText('Viewer');
  await expect(row.getByTestId('token-last-used')).toHaveText('Never');
  await expect(row.getByTestId('token-expires')).toContainText('in 30 days');
  await snap(page, 'tokens-created');

  // The token works as Bearer with the viewer role, from a context that has no cookie.
  const bearer = await playwright.request.newContext({ baseURL: 'http://localhost:3100', extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await bearer.get('/api/v1/flows')).status()).toBe(200);
  expect((await bearer.post('/api/v1/flows', { data: { name: 'x', graph: { schemaVersion: 1, nodes: [], edges: [] } } })).status()).toBe(403);

  // Shown once: after a reload the secret is nowhere in the page; the list shows it was used.
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(row.getByTestId('token-last-used')).not.toHaveText('Never');
  await expect(row.getByTestId('token-status')).toHaveText('Active');
  await snap(page, 'tokens-list');

  // Revoke (with a confirmation) and the token is refused at once.
  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByTestId('revoke-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tokens-notice')).toContainText(`Revoked “${name}”`);
  await expect(row.getByTestId('token-status')).toHaveText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect((await bearer.get('/api/v1/flows')).status()).toBe(401);
  await snap(page, 'tokens-revoked');
  await bearer.dispose();
});
