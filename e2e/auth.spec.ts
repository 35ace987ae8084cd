import { expect, test } from '@playwright/test';
import { ADMIN, snap } from './helpers';

test('anonymous /flows redirects to /login', async ({ page }) => {
  await page.goto('/flows');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Riposte' })).toBeVisible();
  await snap(page, 'login');
});

test('a wrong password shows the error and stays on /login', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect.');
  await expect(page).toHaveURL(/\/login$/);
  // The email is kept so the user only retypes the password.
  await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email);
  await snap(page, 'login-error');
});

test('an unknown account gets the same message (no user enumeration)', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('nobody@riposte.test');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect.');
});
