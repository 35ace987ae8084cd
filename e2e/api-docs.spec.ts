// The API reference page and the public OpenAPI document (issue 8).
import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers';

test('the OpenAPI document is public and the reference page lists every area', async ({ page, request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe('3.1.0');

  await page.goto('/api-docs');
  await expect(page).toHaveURL(/\/login/);
  await signIn(page);
  await page.goto('/api-docs');
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible();
  for (const area of ['Flows', 'Runs', 'Connections', 'Authentication', 'System']) await expect(page.getByRole('heading', { name: area, exact: true })).toBeVisible();
  const count = Object.values(doc.paths).reduce<number>((n, item) => n + Object.keys(item as object).length, 0);
  await expect(page.getByTestId('api-operation')).toHaveCount(count);
  await snap(page, 'api-docs');
  const publish = page.locator('#postFlowsByIdPublish');
  await publish.getByText('Example').click();
  await publish.getByText('Responses:').click();
  await expect(publish.getByText('Authorization: Bearer $RIPOSTE_TOKEN')).toBeVisible();
  await publish.scrollIntoViewIfNeeded();
  await snap(page, 'api-docs-operation');
});
