// Local accounts in the real app: invite → set password through the one-time link → sign in as a
// viewer who cannot open admin pages; the account page; the last-admin guard; and brute force
// from the sign-in form (on an invited user, never admin@riposte.test, so other specs still sign in).
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, signIn, snap } from './helpers';

const suffix = randomBytes(3).toString('hex');
const VIEWER = { email: `viewer-${suffix}@riposte.test`, name: 'Vera Viewer', password: 'vera-picked-this-passphrase' };

async function invite(page: Page, email: string, name: string, role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  await page.goto('/settings/users');
  await page.getByRole('button', { name: 'Invite user' }).click();
  const dialog = page.getByTestId('invite-dialog');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('radio', { name: new RegExp(role, 'i') }).check();
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  const link = dialog.getByTestId('invite-link');
  await expect(link).toHaveValue(/\/invite\/rpi_/);
  return new URL(await link.inputValue()).pathname;
}

async function acceptInvite(browser: Browser, path: string, password: string, shot?: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Welcome to Riposte' })).toBeVisible();
  if (shot) await snap(page, shot);
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/login\?password=set$/);
  await expect(page.getByTestId('password-set')).toBeVisible();
  // Single use: opening the link again explains it no longer works.
  await page.goto(path);
  await expect(page.getByTestId('invite-invalid')).toBeVisible();
  await context.close();
}

test('an invited viewer sets a password, signs in, and cannot open user management', async ({ page, browser }) => {
  await signIn(page);
  const path = await invite(page, VIEWER.email, VIEWER.name, 'viewer');
  await snap(page, 'accounts-invite-dialog');
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.locator(`[data-testid="user-row"][data-email="${VIEWER.email}"]`);
  await expect(row).toContainText('Invited');
  await snap(page, 'accounts-users');

  await acceptInvite(browser, path, VIEWER.password, 'accounts-invite-page');

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, VIEWER.email, VIEWER.password);
  const cookie = (await context.cookies()).find((c) => c.name === 'riposte_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  await viewer.goto('/settings/users');
  await expect(viewer).toHaveURL(/\/forbidden$/);
  await expect(viewer.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  expect((await viewer.request.get('/api/v1/users')).status()).toBe(403);

  await viewer.goto('/account');
  await expect(viewer.getByTestId('account-email')).toContainText(VIEWER.email);
  await expect(viewer.locator('[data-testid="session-row"][data-current="true"]')).toHaveCount(1);
  await expect(viewer.getByTestId('api-tokens-link')).toHaveAttribute('href', '/account/tokens');
  await context.close();

  await page.reload();
  await expect(row).toContainText('Active');
  const users = (await (await page.request.get('/api/v1/users')).json()) as { items: { email: string; role: string; status: string }[] };
  expect(users.items.find((u) => u.email === VIEWER.email)).toMatchObject({ role: 'viewer', status: 'active' });
});

test('your account: sessions elsewhere are listed and signed out, and a password change is validated', async ({ page, browser }) => {
  const email = `pat-${suffix}@riposte.test`;
  await signIn(page);
  const path = await invite(page, email, 'Pat', 'editor');
  await acceptInvite(browser, path, 'pat-first-passphrase');

  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, 'pat-first-passphrase');
  const context = await browser.newContext();
  const me = await context.newPage();
  await signIn(me, email, 'pat-first-passphrase');
  await me.goto('/account');
  await expect(me.getByTestId('session-row')).toHaveCount(2);
  await me.getByLabel('Current password').fill('pat-first-passphrase');
  await me.getByLabel('New password', { exact: true }).fill('short');
  await me.getByLabel('Confirm new password').fill('short');
  await me.getByRole('button', { name: 'Change password' }).click();
  await expect(me.getByTestId('error-newPassword')).toHaveText('Password must be at least 12 characters');
  await snap(me, 'accounts-account');

  await me.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(me.getByTestId('sessions-message')).toHaveText('1 other session was signed out.');
  await expect(me.getByTestId('session-row')).toHaveCount(1);
  await elsewhere.goto('/flows');
  await expect(elsewhere).toHaveURL(/\/login$/);

  await me.getByLabel('Current password').fill('pat-first-passphrase');
  await me.getByLabel('New password', { exact: true }).fill('pat-second-passphrase');
  await me.getByLabel('Confirm new password').fill('pat-second-passphrase');
  await me.getByRole('button', { name: 'Change password' }).click();
  await expect(me.getByTestId('password-change-done')).toContainText('Password changed.');
  await other.close();
  await context.close();
});

test('the last admin cannot demote themselves', async ({ page }) => {
  await signIn(page);
  // Guard for the guard: only try this while admin@riposte.test really is the only active admin,
  // so a broken guard (or another spec's admin) can never demote the account every spec uses.
  const all = (await (await page.request.get('/api/v1/users')).json()) as { items: { email: string; role: string; status: string }[] };
  expect(all.items.filter((u) => u.role === 'admin' && u.status === 'active').map((u) => u.email)).toEqual([ADMIN.email]);
  await page.goto('/settings/users');
  const row = page.locator(`[data-testid="user-row"][data-email="${ADMIN.email}"]`);
  await row.getByTestId('user-role').selectOption('viewer');
  await expect(page.getByTestId('users-message')).toHaveText('You cannot demote the last active administrator. Make another user an administrator first.');
  await page.reload();
  await expect(row.getByTestId('user-role')).toHaveValue('admin');
});

test('brute force from the sign-in form: the 11th failure is refused, and so is the right password', async ({ page, browser }) => {
  const email = `target-${suffix}@riposte.test`;
  const password = 'target-real-passphrase';
  await signIn(page);
  await acceptInvite(browser, await invite(page, email, 'Target', 'viewer'), password);

  const context = await browser.newContext();
  const attacker = await context.newPage();
  await attacker.goto('/login');
  const error = attacker.getByTestId('login-error');
  // Each answer looks like the last, so wait for this attempt to finish before the next: React
  // empties the form when the sign-in action completes (typing earlier would be wiped).
  const submit = async (pw: string) => {
    await attacker.getByLabel('Email').fill(email);
    await attacker.getByLabel('Password').fill(pw);
    await attacker.getByRole('button', { name: 'Sign in' }).click();
    await expect(attacker.getByLabel('Password')).toHaveValue('');
    await expect(attacker.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  };
  for (let i = 1; i <= 11; i++) {
    await submit(`guess-number-${i}`);
    await expect(error).toHaveText(i <= 10 ? 'Email or password is incorrect.' : /^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
  }
  await submit(password);
  await expect(error).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
  await expect(attacker).toHaveURL(/\/login$/);
  await snap(attacker, 'accounts-lockout');

  const api = await attacker.request.post('/api/v1/auth/login', { data: { email, password } });
  expect(api.status()).toBe(429);
  expect(Number(api.headers()['retry-after'])).toBeGreaterThan(0);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('TooManyAttempts');
  await context.close();

  // The admin was never the target and still signs in.
  const fresh = await browser.newContext();
  await signIn(await fresh.newPage());
  await fresh.close();
});
