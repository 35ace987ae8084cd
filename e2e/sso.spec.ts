// Single sign-on in the browser: an admin configures SSO on /settings/sso against the local
// OpenID provider (started here on a free https port with the demo certificate, which the web
// process trusts through NODE_EXTRA_CA_CERTS), then a member of the mapped Entra group clicks
// "Sign in with Microsoft", signs in at the provider's form and lands on the dashboard as editor;
// someone outside the group is refused with a message on the login page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn, snap } from './helpers';
import { EDITORS_GROUP_ID, LOCAL_ACCOUNTS, startLocalOidcProvider, type LocalOidcProvider } from '../tests/oidc/local-provider';

// The provider's login page is served with the self-signed demo certificate.
test.use({ ignoreHTTPSErrors: true });
test.describe.configure({ mode: 'serial' });

let idp: LocalOidcProvider;

test.beforeAll(async () => {
  const dir = path.resolve('.riposte/tls');
  idp = await startLocalOidcProvider({
    tls: { cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) },
    redirectUris: ['http://localhost:3100/api/v1/auth/sso/callback'],
  });
});

async function setSso(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('switch', { name: 'Single sign-on' });
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('sso-save-ok')).toContainText(on ? 'Single sign-on is on' : 'Single sign-on is off');
}

test.afterAll(async ({ browser }: { browser: Browser }) => {
  // Later specs expect the plain sign-in page: switch SSO off again.
  const page = await browser.newPage({ baseURL: 'http://localhost:3100' });
  await signIn(page);
  await page.goto('/settings/sso');
  await setSso(page, false);
  await page.close();
  await idp.close();
});

test('an admin configures single sign-on; the secret is write-only', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Single sign-on' }).click();
  await expect(page).toHaveURL(/\/settings\/sso$/);
  await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible();
  await expect(page.getByTestId('sso-redirect-uri')).toHaveText('http://localhost:3100/api/v1/auth/sso/callback');
  await expect(page.getByTestId('sso-updated')).toHaveText('Not configured yet.');
  await expect(page.getByTestId('sso-secret-status')).toHaveText('Not set');
  await snap(page, 'settings-sso-empty');

  // Switching on with nothing filled in is refused with a message.
  await page.getByRole('switch', { name: 'Single sign-on' }).click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('sso-save-error')).toContainText('To switch single sign-on on, enter the tenant id, the client id, a client secret');
  // A malformed group id is named next to its rule.
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel('Rule 1 value').fill('Editors');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('sso-rule-0')).toContainText('A group is its object id');
  await snap(page, 'settings-sso-error');

  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Authority host').fill(idp.authorityHost);
  await page.getByLabel('Directory (tenant) ID').fill(idp.tenantId);
  await page.getByLabel('Application (client) ID').fill(idp.clientId);
  await page.getByTestId('sso-secret').getByRole('button', { name: 'Set' }).click();
  await page.getByLabel('Client secret').fill(idp.clientSecret);
  await page.getByLabel('Rule 1 value').fill(EDITORS_GROUP_ID);
  await page.getByLabel('Rule 1 role').selectOption('editor');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('sso-save-ok')).toContainText('Single sign-on is on');
  await expect(page.getByTestId('sso-secret-status')).toHaveText('Set');

  await page.reload();
  await expect(page.getByTestId('sso-secret-status')).toHaveText('Set');
  await expect(page.getByRole('switch', { name: 'Single sign-on' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByLabel('Rule 1 value')).toHaveValue(EDITORS_GROUP_ID);
  // The stored secret never reaches the browser.
  expect(await page.content()).not.toContain(idp.clientSecret);
  await snap(page, 'settings-sso');
});

test('a member of the mapped group signs in with Microsoft as editor', async ({ page }) => {
  await page.goto('/login');
  const button = page.getByRole('link', { name: 'Sign in with Microsoft' });
  await expect(button).toBeVisible();
  await snap(page, 'login-sso');
  await button.click();

  // The local provider's sign-in form (Microsoft's, in production).
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel('User name').fill(LOCAL_ACCOUNTS.member.username);
  await page.getByLabel('Password').fill(LOCAL_ACCOUNTS.member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/localhost:3100\/dashboard$/);
  await expect(page.getByTestId('current-user')).toHaveText(LOCAL_ACCOUNTS.member.username);
  await expect(page.getByTestId('current-user').locator('xpath=following-sibling::p')).toHaveText(/editor/i);
  // Editors cannot open the admin pages.
  await page.goto('/settings/sso');
  await expect(page).toHaveURL(/\/forbidden$/);
});

test('someone outside the mapped groups is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await page.getByLabel('User name').fill(LOCAL_ACCOUNTS.outsider.username);
  await page.getByLabel('Password').fill(LOCAL_ACCOUNTS.outsider.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/login\?sso_error=no_matching_rule$/);
  await expect(page.getByTestId('sso-error')).toHaveText(/not in a group or app role that may use Riposte/);
  // Still signed out.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/login?sso_error=no_matching_rule');
  await expect(page.getByTestId('sso-error')).toBeVisible();
  await snap(page, 'login-sso-refused');
});

test('a callback whose state is not the one this browser started is refused', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  // The flow cookie is set now; a callback carrying someone else's state must not be accepted.
  await page.goto('http://localhost:3100/api/v1/auth/sso/callback?code=stolen-code&state=forged-state');
  await expect(page).toHaveURL(/\/login\?sso_error=state_mismatch$/);
  await expect(page.getByTestId('sso-error')).toContainText('did not belong to this browser');
  // Without any flow cookie (it was single-use), the same URL is refused as expired.
  await page.goto('http://localhost:3100/api/v1/auth/sso/callback?code=stolen-code&state=forged-state');
  await expect(page).toHaveURL(/\/login\?sso_error=expired$/);
});
