// The Connections page against the demo simulator: create a Defender connection (its own app
// registration in the simulated tenant, with limited roles), test it and see the token's roles
// next to what a flow needs, edit it without touching the secret, replace the secret, and see
// that no secret ever reaches the browser.
import { expect, request as playwrightRequest, test, type Locator, type Page } from '@playwright/test';
import { signIn, snap } from './helpers';

const SIM = 'https://localhost:3543';
const TENANT = '4f1c0d2e-7a55-4c1b-9d8e-0000000d3e10'; // the demo tenant (server/services/bootstrap.ts)
const APP = 'e2e-connections-app';
const FIRST = 'e2e-first-secret-1f9a';
const SECOND = 'e2e-second-secret-7c2d';
const NAME = 'E2E Contoso';

/** Registers (or updates) the spec's own app registration in the simulated tenant. */
async function simClient(body: { clientSecret?: string; roles: { mde: string[]; graph?: string[] } }): Promise<void> {
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const res = await sim.put(`${SIM}/_sim/clients/${APP}`, { data: body });
  expect(res.status()).toBe(200);
  await sim.dispose();
}

function card(page: Page, name = NAME): Locator {
  return page.getByTestId('connection-card').filter({ has: page.getByTestId('connection-name').getByText(name, { exact: true }) });
}

async function testIt(c: Locator, ok: boolean): Promise<void> {
  await c.getByRole('button', { name: 'Test' }).click();
  await expect(c.getByTestId('test-message')).toBeVisible({ timeout: 20_000 });
  await expect(c.getByTestId('last-test')).toHaveAttribute('data-ok', String(ok));
}

async function noSecretIn(page: Page): Promise<void> {
  // The rendered page and the raw HTML/RSC payload of a fresh load.
  const html = await page.content();
  const raw = await (await page.request.get('/connections')).text();
  for (const text of [html, raw]) {
    expect(text).not.toContain(FIRST);
    expect(text).not.toContain(SECOND);
    expect(text).not.toMatch(/v1\.[0-9a-f]{8}\./);
  }
}

test('connections: create, test with roles, edit keeping the secret, replace the secret, delete', async ({ page }) => {
  test.setTimeout(120_000);
  // The Defender token may read alerts and machines; the Graph token carries no role at all.
  await simClient({ clientSecret: FIRST, roles: { mde: ['Alert.Read.All', 'Machine.Read.All'], graph: [] } });
  await signIn(page);
  await page.getByRole('link', { name: 'Connections' }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await expect(page.getByTestId('connection-card')).toHaveCount(4); // the demo tenant, outbox, Teams and Slack channels

  // Create.
  await page.getByTestId('new-connection').click();
  await page.getByRole('menuitem', { name: /Microsoft Defender/ }).click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByLabel('Name').fill(NAME);
  await expect(dialog.getByText('API api.securitycenter.microsoft.com')).toBeVisible(); // the commercial preset
  await dialog.getByLabel('Cloud').selectOption('gcc-high');
  await expect(dialog.getByText('API api-gov.securitycenter.microsoft.us · sign-in login.microsoftonline.us')).toBeVisible();
  await dialog.getByLabel('Cloud').selectOption('custom');
  await dialog.getByLabel('Tenant ID').fill(TENANT);
  await dialog.getByLabel('Application (client) ID').fill(APP);
  await dialog.getByLabel('Client secret').fill(FIRST);
  await dialog.getByLabel('Defender API URL').fill(SIM);
  await dialog.getByLabel('Sign-in (authority) URL').fill(SIM);
  await dialog.getByLabel('Microsoft Graph URL').fill(SIM);
  await snap(page, 'connections-create');
  await dialog.getByRole('button', { name: 'Create connection' }).click();
  await expect(dialog).toBeHidden();
  const c = card(page);
  await expect(c).toBeVisible();
  await expect(c.getByTestId('connection-where')).toHaveText('localhost:3543');
  await expect(c.getByTestId('last-test')).toHaveCount(0);

  // A flow that isolates and hunts (through Graph) with it: the page then lists what the flow needs.
  const id = await c.getAttribute('data-connection-id');
  const flow = await page.request.post('/api/v1/flows', {
    headers: { 'content-type': 'application/json' },
    data: {
      name: 'E2E isolate with Contoso',
      graph: {
        schemaVersion: 1,
        nodes: [
          { id: 'trigger', type: 'defender.alertCreated', label: 'Trigger', position: { x: 0, y: 0 }, params: { connectionId: id } },
          { id: 'isolate', type: 'defender.isolateMachine', label: 'Isolate', position: { x: 0, y: 150 }, params: { connectionId: id, machineId: '{{ trigger.machineId }}', comment: 'e2e', isolationType: 'Full' } },
          { id: 'hunt', type: 'defender.runHuntingQuery', label: 'Hunt', position: { x: 0, y: 300 }, params: { connectionId: id, query: 'DeviceInfo | take 1' } },
        ],
        edges: [{ id: 'e1', source: 'trigger', target: 'isolate', sourceHandle: 'out' }, { id: 'e2', source: 'isolate', target: 'hunt', sourceHandle: 'out' }],
      },
    },
  });
  expect(flow.status()).toBe(200);
  const flowId = ((await flow.json()) as { id: string }).id;

  // Test: roles of the token, next to what the flow needs (Machine.Isolate missing, in red, with the fix).
  await page.reload();
  await testIt(c, true);
  await expect(c.getByTestId('test-message')).toHaveAttribute('data-tone', 'amber');
  await expect(c.getByTestId('granted-roles')).toHaveText(/Alert\.Read\.All\s*Machine\.Read\.All/);
  await expect(c.locator('[data-permission="Alert.Read.All"]')).toHaveAttribute('data-granted', 'true');
  const isolate = c.locator('[data-permission="Machine.Isolate"]');
  await expect(isolate).toHaveAttribute('data-granted', 'false');
  await expect(isolate).toContainText('Grant Machine.Isolate (WindowsDefenderATP, application permission) to the app registration and grant admin consent');
  // Graph hunting is checked against the Graph token, whose (empty) roles are shown apart.
  const hunting = c.locator('[data-permission="ThreatHunting.Read.All"]');
  await expect(hunting).toHaveAttribute('data-api', 'graph');
  await expect(hunting).toHaveAttribute('data-granted', 'false');
  await expect(hunting).toContainText('Grant ThreatHunting.Read.All (Microsoft Graph, application permission) to the app registration and grant admin consent');
  await expect(c.getByTestId('granted-graph-roles-none')).toBeVisible();
  await expect(c.getByTestId('granted-roles')).not.toContainText('ThreatHunting');
  await snap(page, 'connections-tested');

  // Edit without touching the secret: still works.
  await c.getByRole('button', { name: 'Edit' }).click();
  await expect(dialog.getByTestId('secret-clientSecret-status')).toHaveText('Set');
  await expect(dialog.getByLabel('Defender API URL')).toHaveValue(SIM);
  await dialog.getByLabel('Name').fill(`${NAME} (renamed)`);
  await snap(page, 'connections-edit');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  const renamed = card(page, `${NAME} (renamed)`);
  await expect(renamed).toBeVisible();
  await testIt(renamed, true);

  // The app's secret is rotated in Entra: the old one fails; replacing it makes it work again.
  await simClient({ clientSecret: SECOND, roles: { mde: ['Alert.Read.All', 'Machine.Read.All', 'Machine.Isolate'], graph: ['ThreatHunting.Read.All'] } });
  await testIt(renamed, false);
  await expect(renamed.getByTestId('test-message')).toContainText(/secret/i);
  await renamed.getByRole('button', { name: 'Edit' }).click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await dialog.getByLabel('Client secret').fill(SECOND);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await testIt(renamed, true);
  await expect(renamed.locator('[data-permission="Machine.Isolate"]')).toHaveAttribute('data-granted', 'true');
  await expect(renamed.locator('[data-permission="ThreatHunting.Read.All"]')).toHaveAttribute('data-granted', 'true');
  await expect(renamed.getByTestId('granted-graph-roles')).toHaveText('ThreatHunting.Read.All');
  await snap(page, 'connections-tested-graph');
  await noSecretIn(page);

  // Delete is refused while the flow uses it, then works.
  await renamed.getByRole('button', { name: `Delete ${NAME} (renamed)` }).click();
  const del = page.getByTestId('delete-dialog');
  await expect(del.getByTestId('delete-in-use')).toContainText('E2E isolate with Contoso');
  await expect(del.getByRole('button', { name: 'Delete connection' })).toBeDisabled();
  // The server refuses too (a stale page, or the API): 409 naming the flow.
  const refused = await page.request.delete(`/api/v1/connections/${id}`);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('E2E isolate with Contoso');
  await snap(page, 'connections-delete-refused');
  await del.getByRole('button', { name: 'Cancel' }).click();
  expect((await page.request.delete(`/api/v1/flows/${flowId}`)).status()).toBe(204);
  await page.reload();
  await renamed.getByRole('button', { name: `Delete ${NAME} (renamed)` }).click();
  await del.getByRole('button', { name: 'Delete connection' }).click();
  await expect(renamed).toHaveCount(0);
  await expect(page.getByTestId('connection-card')).toHaveCount(4);
  await snap(page, 'connections-list');
});
