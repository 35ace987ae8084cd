// Shared steps for the browser tests.
import { expect, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@riposte.test', password: 'correct-horse-battery-staple' };
export const TEMPLATE_FLOW = 'Isolate device on High severity alert';

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByTestId('current-user')).toHaveText(email);
}

/** Full-page screenshot for the visual review (e2e/screenshots/, git-ignored). */
export async function snap(page: Page, name: string): Promise<void> {
  // From the top, so the sticky sidebar is captured where a user first sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Raises a demo alert from /flows and returns the simulator's alert id and title. */
export async function raiseAlert(page: Page, severity: 'High' | 'Medium' | 'Low' | 'Informational'): Promise<{ id: string; title: string }> {
  const result = page.getByTestId('raise-alert-result');
  const before = (await result.count()) > 0 ? await result.getAttribute('data-alert-id') : null;
  await page.getByTestId('raise-alert-severity').selectOption(severity);
  await page.getByTestId('raise-alert-button').click();
  await expect(result).toBeVisible();
  await expect(result).not.toHaveAttribute('data-alert-id', before ?? '');
  await expect(result).toContainText(`Raised ${severity} alert`);
  const id = await result.getAttribute('data-alert-id');
  const title = await page.getByTestId('raised-alert-title').textContent();
  if (!id || !title) throw new Error('raise-alert result has no id or title');
  return { id, title };
}
