// Shared steps for the browser tests.
import { expect, request as playwrightRequest, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@riposte.test', password: 'correct-horse-battery-staple' };
export const TEMPLATE_FLOW = 'Isolate device on High severity alert';

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signing in lands on the dashboard; the specs start from the flows list.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toHaveText(email);
  await page.goto('/flows');
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

// ---------------------------------------------------------------------------------------------
// The flow designer (components/flow-editor).

type Point = { x: number; y: number };

/** /flows → "New flow" → name + template → the designer of the new flow; returns its id. */
export async function createFlow(page: Page, name: string, template: 'blank' | 'isolate-high' = 'blank'): Promise<string> {
  await page.goto('/flows');
  await page.getByRole('link', { name: 'New flow' }).click();
  await expect(page).toHaveURL(/\/flows\/new$/);
  await page.getByLabel('Name').fill(name);
  await page.getByTestId(`template-${template}`).check();
  await page.getByRole('button', { name: 'Create and open designer' }).click();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('flow-name')).toHaveText(name);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return flowIdOf(page);
}

export function flowIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not on a flow page: ${page.url()}`);
  return id;
}

/** A step on the designer canvas. */
export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** A connection on the canvas, by its ends (React Flow names edges "Edge from a to b"). */
export function canvasEdge(page: Page, source: string, target: string): Locator {
  return page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);
}

export async function centerOf(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('element has no box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real pointer drag in small steps, so React Flow and HTML5 drag-and-drop both see it. */
export async function mouseDrag(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Drags a palette entry (by catalog type) onto the canvas at a screen point. */
export async function dropFromPalette(page: Page, type: string, at: Point): Promise<void> {
  const item = page.getByTestId(`palette-item-${type}`);
  // The palette scrolls: an entry below the fold must be in view to be dragged.
  await item.scrollIntoViewIfNeeded();
  await mouseDrag(page, await centerOf(item), at);
}

/** Drags from a source handle ("out", "true", "false", "error") of one step to another step's input. */
export async function connectSteps(page: Page, source: string, handle: string, target: string, opts: { retryUntilConnected?: boolean } = {}): Promise<void> {
  const attempts = opts.retryUntilConnected ? 3 : 1;
  for (let i = 0; i < attempts; i++) {
    const from = await centerOf(canvasNode(page, source).locator(`.react-flow__handle.source[data-handleid="${handle}"]`));
    const to = await centerOf(canvasNode(page, target).locator('.react-flow__handle.target'));
    await mouseDrag(page, from, to, 16);
    if (!opts.retryUntilConnected) return;
    // Under CI load a drag's pointer events can land before React Flow tracks the connection;
    // a drag that drew no edge is made again (an allowed connection, so nothing is refused).
    try {
      await expect(canvasEdge(page, source, target)).toHaveCount(1, { timeout: 3000 });
      return;
    } catch (e) {
      if (i === attempts - 1) throw e;
    }
  }
}

/** Waits until the autosave indicator says the draft reached the server. */
export async function expectSaved(page: Page, timeout = 15_000): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout });
}

/** The inspector field of one param (`data-field` is the param key; "condition" for the builder). */
export function inspectorField(page: Page, key: string): Locator {
  return page.getByTestId('inspector').locator(`[data-field="${key}"]`);
}

/**
 * Opens a field's "Insert dynamic content" picker and chooses `label` among the outputs of the
 * step called `step` (`nth` picks the picker when the field holds several, e.g. a condition row).
 */
export async function pickToken(scope: Locator, step: string, label: string, nth = 0, search?: string): Promise<void> {
  await scope.getByRole('button', { name: 'Insert dynamic content' }).nth(nth).click();
  const panel = scope.getByRole('dialog', { name: 'Dynamic content' });
  await expect(panel).toBeVisible();
  // Low in a tall inspector the long list runs past its bottom: searching keeps the option near the top.
  if (search !== undefined) await panel.getByRole('searchbox', { name: 'Search dynamic content' }).fill(search);
  await panel.getByRole('group', { name: step, exact: true }).getByRole('option', { name: new RegExp(`^${label}\\b`) }).first().click();
  await expect(panel).toBeHidden();
}

/** In the designer: Publish → "Publish now", then switch the flow on. */
export async function publishAndSwitchOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(dialog).toBeHidden();
  const toggle = page.getByRole('switch', { name: 'Flow on' });
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
}

/** The demo tenant's Defender and SMTP connection ids (the e2e stack runs in demo mode). */
export async function demoConnections(page: Page): Promise<{ defender: string; smtp: string }> {
  const items = ((await (await page.request.get('/api/v1/connections')).json()) as { items: { id: string; kind: string }[] }).items;
  const defender = items.find((c) => c.kind === 'defender')?.id;
  const smtp = items.find((c) => c.kind === 'smtp')?.id;
  if (!defender || !smtp) throw new Error('the demo connections are missing');
  return { defender, smtp };
}

/**
 * Flows a spec switches on must not react to the alerts of the specs after it: register this at
 * file level, and call the returned function with each flow the test creates.
 */
export function switchOffAfterEach(): (flowId: string) => void {
  let flows: string[] = [];
  test.afterEach(async ({ page }) => {
    for (const id of flows) await page.request.post(`/api/v1/flows/${id}/disable`);
    flows = [];
  });
  return (flowId) => {
    flows.push(flowId);
  };
}

/** Creates a flow from a graph through the REST API (as the signed-in user); returns its id. */
export async function createFlowFromGraph(request: APIRequestContext, name: string, graph: unknown): Promise<string> {
  const created = await request.post('/api/v1/flows', { data: { name, graph }, headers: { 'content-type': 'application/json' } });
  expect(created.status(), await created.text()).toBe(200);
  return ((await created.json()) as { id: string }).id;
}

/**
 * The Defender simulator's admin API (/_sim/…) of the stack under test, found from the demo
 * Defender connection's API address, so a spec using it runs on either stack.
 */
export async function simAdmin(page: Page): Promise<APIRequestContext> {
  const items = ((await (await page.request.get('/api/v1/connections')).json()) as { items: { kind: string; config: { apiBaseUrl?: string } }[] }).items;
  const api = items.find((c) => c.kind === 'defender' && c.config.apiBaseUrl)?.config.apiBaseUrl;
  if (!api) throw new Error('the demo Defender connection is missing');
  return playwrightRequest.newContext({ baseURL: new URL(api).origin, ignoreHTTPSErrors: true });
}
