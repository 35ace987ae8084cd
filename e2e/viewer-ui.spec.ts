// The UI hides what a role cannot do (issue 7): a viewer walks the flows list, the designer, the
// run list, two run pages, the approvals and the connections, and finds no control that creates,
// edits, publishes, switches on, runs, cancels, resubmits, retries or decides. The same pages as
// an editor (and the connections as an admin) show each of those controls, so every "absent"
// below is checked against a place where the control is really there. The server refuses them
// anyway (tests/integration/authz-*.test.ts); this is about not offering them.
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { canvasNode, centerOf, createFlowFromGraph, demoConnections, inspectorField, mouseDrag, signIn, snap } from './helpers';

const suffix = randomBytes(3).toString('hex');
const PASSWORD = 'a-role-test-passphrase-42';
const REQUEST_TITLE = `Contain ws-${suffix}?`;

type Control = { role: 'button' | 'link' | 'switch' | 'checkbox'; name: string | RegExp };
const button = (name: string | RegExp): Control => ({ role: 'button', name });

/** Where each page's write controls live, by accessible role and name. */
const CONTROLS = {
  flows: [{ role: 'link', name: 'New flow' }, { role: 'switch', name: /: (on|off)$/ }] as Control[],
  designer: [
    button('Publish'), button('Run now'), button('Save'), button('Undo'), button('Redo'), button('Tidy up'), button('Import'),
    { role: 'switch', name: 'Flow on' }, button('Hide steps panel'), button(/^Add a step after/),
  ] as Control[],
  versions: [button(/^Restore version/), button('Discard draft')] as Control[],
  runs: [{ role: 'checkbox', name: /^Select/ }] as Control[],
  activeRun: [button('Cancel run')] as Control[],
  endedRun: [button('Retry from failed step'), button('Resubmit')] as Control[],
  approval: [button('Approve'), button('Reject')] as Control[],
  connections: [button('New connection'), button('Test'), button(/^Delete /)] as Control[],
};

const find = (scope: Page | Locator, c: Control) => scope.getByRole(c.role, typeof c.name === 'string' ? { name: c.name, exact: true } : { name: c.name });

async function expectNone(scope: Page | Locator, controls: Control[]): Promise<void> {
  for (const c of controls) await expect(find(scope, c), `${c.role} "${String(c.name)}" should not be offered`).toHaveCount(0);
}

async function expectAll(scope: Page | Locator, controls: Control[]): Promise<void> {
  for (const c of controls) await expect(find(scope, c).first(), `${c.role} "${String(c.name)}" should be offered`).toBeVisible();
}

/** An invited user of `role` who has set a password, signed in in a browser context of their own. */
async function userOf(browser: Browser, admin: Page, role: 'viewer' | 'editor'): Promise<Page> {
  const email = `${role}-ui-${suffix}@riposte.test`;
  const invited = await admin.request.post('/api/v1/users', { data: { email, name: `UI ${role}`, role } });
  expect(invited.status(), await invited.text()).toBe(201);
  const { link } = (await invited.json()) as { link: { url: string } };
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL(link.url).pathname);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/login\?password=set$/);
  await signIn(page, email, PASSWORD);
  return page;
}

let flowId = '';
let waitingRunId = '';
let cancelledRunId = '';
let viewer: Page;
let editor: Page;
let admin: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  admin = await (await browser.newContext()).newPage();
  await signIn(admin);
  const { smtp } = await demoConnections(admin);
  // A published flow that is never switched on (so no alert of another spec starts it): run by
  // hand, it stops at an approval. One run is left waiting, the other is cancelled.
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'schedule.recurrence', label: 'Every morning', position: { x: 0, y: 0 }, params: { mode: 'interval', every: 1, unit: 'days', at: '08:00', timezone: 'UTC' } },
      { id: 'ask', type: 'control.approval', label: 'Ask the duty lead', position: { x: 280, y: 0 }, params: { title: REQUEST_TITLE, details: 'Role test.', approvers: 'duty@riposte.test', connectionId: smtp, timeoutHours: 2 } },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'ask' }],
  };
  flowId = await createFlowFromGraph(admin.request, `Role UI ${suffix}`, graph);
  expect((await admin.request.post(`/api/v1/flows/${flowId}/publish`)).status()).toBe(200);
  const start = async () => {
    const started = await admin.request.post(`/api/v1/flows/${flowId}/run`, { data: {} });
    expect(started.status(), await started.text()).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    await expect.poll(async () => ((await (await admin.request.get(`/api/v1/runs/${runId}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe('waiting');
    return runId;
  };
  waitingRunId = await start();
  cancelledRunId = await start();
  expect((await admin.request.post(`/api/v1/runs/${cancelledRunId}/cancel`)).status()).toBe(200);

  viewer = await userOf(browser, admin, 'viewer');
  editor = await userOf(browser, admin, 'editor');
});

test.afterAll(async () => {
  // The waiting run would otherwise stay on the Approvals page of later specs.
  await admin?.request.post(`/api/v1/runs/${waitingRunId}/cancel`);
  for (const p of [viewer, editor, admin]) await p?.context().close();
});

test('flows list: a viewer sees the state, an editor the New flow link and the switches', async () => {
  await viewer.goto('/flows');
  await expect(viewer.getByTestId(`flow-state-${flowId}`)).toHaveText('Off');
  await expectNone(viewer, CONTROLS.flows);
  await expect(viewer.getByTestId('raise-alert-button')).toHaveCount(0);
  await snap(viewer, 'viewer-flows');

  await editor.goto('/flows');
  await expectAll(editor, CONTROLS.flows);
  await expect(editor.getByTestId(`flow-toggle-${flowId}`)).toBeVisible();
});

test('designer: read-only for a viewer (no palette, no drag, no publish), editable for an editor', async () => {
  await viewer.goto(`/flows/${flowId}`);
  await expect(viewer.getByTestId('flow-editor')).toBeVisible();
  await expect(canvasNode(viewer, 'ask')).toBeVisible();
  await expect(viewer.getByText('Read-only')).toBeVisible();
  // The checker reports without inviting a viewer to publish.
  await expect(viewer.getByTestId('checker-panel')).toContainText('No problems found.');
  await expect(viewer.getByTestId('checker-panel')).not.toContainText('publish');
  await expect(viewer.getByRole('complementary', { name: 'Steps' })).toHaveCount(0);
  await expect(viewer.locator('[data-testid^="palette-item-"]')).toHaveCount(0);
  await expectNone(viewer, CONTROLS.designer);
  await expect(viewer.getByRole('button', { name: 'Export' })).toBeVisible();
  // Dragging a step does not move it.
  const node = canvasNode(viewer, 'ask');
  const before = await node.getAttribute('style');
  const from = await centerOf(node);
  await mouseDrag(viewer, from, { x: from.x + 120, y: from.y + 90 });
  await expect(node).toHaveAttribute('style', before ?? '');
  // The inspector opens read-only; the versions panel offers viewing only.
  await node.click();
  const title = inspectorField(viewer, 'title').locator('input, textarea').first();
  await expect(title).toHaveValue(REQUEST_TITLE);
  await expect(title).toHaveAttribute('readonly', '');
  await expect(viewer.getByTestId('inspector').getByRole('button', { name: 'Insert dynamic content' })).toHaveCount(0);
  await viewer.getByRole('button', { name: 'Close inspector' }).click();
  await viewer.getByRole('button', { name: 'Versions' }).click();
  await expect(viewer.getByRole('button', { name: 'View version 1' })).toBeVisible();
  await expectNone(viewer, CONTROLS.versions);
  await viewer.getByRole('button', { name: 'Close versions' }).click();
  await snap(viewer, 'viewer-designer');

  await editor.goto(`/flows/${flowId}`);
  await expect(editor.getByRole('complementary', { name: 'Steps' })).toBeVisible();
  await expectAll(editor, CONTROLS.designer);
  await editor.getByRole('button', { name: 'Versions' }).click();
  await expectAll(editor, CONTROLS.versions);
  await snap(editor, 'editor-designer');
});

test('runs: no selection, cancel, resubmit or retry for a viewer; all of them for an editor', async () => {
  await viewer.goto('/runs');
  await expect(viewer.locator(`[data-testid="run-row"][data-run-id="${waitingRunId}"]`)).toBeVisible();
  await expectNone(viewer, CONTROLS.runs);
  await viewer.goto(`/runs/${waitingRunId}`);
  await expect(viewer.getByTestId('run-status')).toHaveAttribute('data-status', 'waiting');
  await expectNone(viewer, CONTROLS.activeRun);
  await viewer.goto(`/runs/${cancelledRunId}`);
  await expect(viewer.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expectNone(viewer, CONTROLS.endedRun);
  await snap(viewer, 'viewer-run-detail');

  await editor.goto('/runs');
  await expectAll(editor, CONTROLS.runs);
  await editor.goto(`/runs/${waitingRunId}`);
  await expectAll(editor, CONTROLS.activeRun);
  await editor.goto(`/runs/${cancelledRunId}`);
  await expectAll(editor, CONTROLS.endedRun);
});

test('approvals: a viewer reads the request but cannot decide; an editor can', async () => {
  await viewer.goto('/approvals');
  // The cancelled run's request is listed too, under "Recently decided": the pending one is ours.
  const pendingRequest = (page: Page) => page.locator('[data-testid="approval"][data-status="pending"]').filter({ hasText: REQUEST_TITLE });
  const request = pendingRequest(viewer);
  await expect(request).toBeVisible();
  await expect(request).toContainText('Your role can see requests but not decide them.');
  await expectNone(request, CONTROLS.approval);

  await editor.goto('/approvals');
  await expectAll(pendingRequest(editor), CONTROLS.approval);
});

test('connections: viewers and editors see them without create, test, edit or delete; admins have those', async () => {
  for (const page of [viewer, editor]) {
    await page.goto('/connections');
    await expect(page.getByTestId('connection-card').first()).toBeVisible();
    await expectNone(page, [...CONTROLS.connections, button('Edit')]);
  }
  await snap(viewer, 'viewer-connections');
  await admin.goto('/connections');
  await expectAll(admin, CONTROLS.connections);
});
