// Run code in the browser (issue 8): drop a "Run code" step from the palette after Get alert,
// write its code in the CodeMirror editor, map an input with the token picker, declare a typed
// result field, then drop an email after it whose subject takes the code's result from the
// picker. Publish, run the published version on a High alert, and find the computed value in
// the email step's resolved input in the run detail.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchCsp } from './csp-watch';
import { canvasNode, connectSteps, demoConnections, dropFromPalette, expectSaved, inspectorField, pickToken, raiseAlert, signIn, snap } from './helpers';

const CODE = `const WEIGHT = { High: 60, Medium: 30, Low: 10 };
export default function main(input) {
  const score = (WEIGHT[input.severity] ?? 0) + 5;
  console.log("scored", input.severity, score);
  return { score, label: "risk " + score };
}
`;

async function closeInspector(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
}

/** Drops a palette step one canvas column to the right of `after`; it opens in the inspector. */
async function dropAfter(page: Page, type: string, after: string, id: string): Promise<void> {
  // The inspector covers the canvas's right edge: close it so the drop lands on visible canvas.
  if ((await page.getByTestId('inspector').count()) > 0) await closeInspector(page);
  const box = await canvasNode(page, after).boundingBox();
  if (box === null) throw new Error(`${after} is not visible`);
  // One column = 280 flow units for a 220-unit card: the same gap at any zoom.
  await dropFromPalette(page, type, { x: box.x + box.width / 2 + (box.width * 280) / 220, y: box.y + box.height / 2 });
  await expect(canvasNode(page, id)).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

async function openStep(page: Page, id: string): Promise<void> {
  if ((await page.getByTestId('inspector').count()) > 0) await closeInspector(page);
  await canvasNode(page, id).click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

/** The whole element is inside the viewport and wide enough to read (the picker once collapsed to its borders). */
async function expectFullyOnScreen(page: Page, locator: Locator, minWidth: number): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) throw new Error('no box or viewport');
  expect(box.width).toBeGreaterThanOrEqual(minWidth);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

test('add a Run code step, map an input, use its result token in the next step, publish and run it', async ({ page }) => {
  test.setTimeout(180_000);
  const csp = await watchCsp(page);
  await signIn(page);
  const { defender } = await demoConnections(page);
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'defender.alertCreated', label: 'When a new alert is created', position: { x: 0, y: 0 }, params: { connectionId: defender } },
      { id: 'get_alert', type: 'defender.getAlert', label: 'Get alert', position: { x: 280, y: 0 }, params: { connectionId: defender, alertId: '{{ trigger.id }}' } },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'get_alert' }],
  };
  const created = await page.request.post('/api/v1/flows', { data: { name: `Run code e2e ${Date.now()}`, graph } });
  expect(created.ok()).toBe(true);
  const flowId = ((await created.json()) as { id: string }).id;

  await page.goto(`/flows/${flowId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  const inspector = page.getByTestId('inspector');

  // The palette lists Run code under Control; drop it after Get alert and wire it in, so Get
  // alert's outputs are upstream of it.
  await dropAfter(page, 'code.run', 'get_alert', 'run_code');
  await closeInspector(page);
  await connectSteps(page, 'get_alert', 'out', 'run_code');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await openStep(page, 'run_code');

  // The editor starts with the convention as a template.
  const editor = inspectorField(page, 'code').locator('.cm-content');
  await expect(editor).toContainText('export default function main(input)');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(CODE);
  await expect(editor).toContainText('WEIGHT[input.severity]');
  // CodeMirror's runtime styles got past the CSP: the theme's monospace face, the line numbers
  // beside the code (not stacked above it), and the keyword `const` coloured as JavaScript.
  await expect.poll(() => editor.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('monospace');
  const gutter = await inspectorField(page, 'code').locator('.cm-gutters').boundingBox();
  const content = await editor.boundingBox();
  expect(gutter !== null && content !== null && gutter.x + gutter.width <= content.x + 1).toBe(true);
  const firstLine = editor.locator('.cm-line').first();
  const keyword = firstLine.locator('span', { hasText: /^const$/ });
  await expect(keyword).toBeVisible();
  expect(await keyword.evaluate((el) => getComputedStyle(el).color)).not.toBe(await firstLine.evaluate((el) => getComputedStyle(el).color));

  // One input, mapped with the usual token picker. The value field shares its row with the name
  // and a remove button; the picker still opens whole and readable on screen.
  const inputs = inspectorField(page, 'inputs');
  await inputs.getByRole('button', { name: 'Add input' }).click();
  await inspector.getByRole('textbox', { name: 'Input 1 name' }).fill('severity');
  await expectFullyOnScreen(page, inspector.getByRole('textbox', { name: 'Input 1 value' }), 120);
  await inputs.getByRole('button', { name: 'Insert dynamic content' }).click();
  const picker = inputs.getByRole('dialog', { name: 'Dynamic content' });
  await expect(picker.getByRole('searchbox', { name: 'Search dynamic content' })).toBeFocused();
  await expectFullyOnScreen(page, picker, 280);
  await page.screenshot({ path: 'e2e/screenshots/run-code-picker.png' });
  await picker.getByRole('group', { name: 'Get alert', exact: true }).getByRole('option', { name: /^Severity\b/ }).click();
  await expect(picker).toBeHidden();
  await expect(inspector.getByRole('textbox', { name: 'Input 1 value' })).toHaveValue('{{ get_alert.severity }}');

  // A declared result field becomes a typed token for later steps.
  await inspectorField(page, 'outputFields').getByRole('button', { name: 'Add field' }).click();
  await inspector.getByRole('textbox', { name: 'Result field 1 name' }).fill('score');
  await inspector.getByRole('combobox', { name: 'Result field 1 type' }).selectOption('number');
  await inspector.getByLabel('Notes').click();
  await expectSaved(page);
  await snap(page, 'run-code-inspector');
  await inspectorField(page, 'code').scrollIntoViewIfNeeded();
  await inspector.screenshot({ path: 'e2e/screenshots/run-code-editor.png' });

  // The next step: an email whose subject takes the code's typed result from the picker.
  await dropAfter(page, 'email.send', 'run_code', 'send_an_email');
  await closeInspector(page);
  await connectSteps(page, 'run_code', 'out', 'send_an_email');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await openStep(page, 'send_an_email');
  await inspector.getByLabel('SMTP connection').selectOption({ label: 'Demo outbox (demo)' });
  const to = inspector.getByRole('textbox', { name: 'To', exact: true });
  await to.fill('soc@riposte.test');
  await to.press('Enter');
  await expect(inspectorField(page, 'to').getByRole('button', { name: 'Remove soc@riposte.test' })).toBeVisible();
  await inspector.getByLabel('Subject').fill('Risk ');
  await pickToken(inspectorField(page, 'subject'), 'Run code', 'Result: score', 0, 'score');
  await expect(inspector.getByLabel('Subject')).toHaveValue('Risk {{ run_code.result.score }}');
  await inspector.getByRole('textbox', { name: 'Body', exact: true }).fill('Scored by Riposte');
  await inspector.getByLabel('Notes').click();
  await expectSaved(page);
  await expect.poll(async () => Number(await page.getByTestId('checker-count').getAttribute('data-errors'))).toBe(0);
  // Nothing in the designer needed what the page's Content-Security-Policy refuses.
  expect(await csp.violations()).toEqual([]);

  // Publish. The flow stays off: the run below is started by hand on the published version.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const publish = page.getByTestId('publish-dialog');
  await expect(publish).toBeVisible();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(publish).toBeHidden();

  // Run the published version now on a fresh High alert.
  await page.goto('/flows');
  const alert = await raiseAlert(page, 'High');
  await page.goto(`/flows/${flowId}`);
  await expectSaved(page);
  await page.getByRole('button', { name: 'Run now' }).click();
  const dialog = page.getByTestId('run-now-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/Published version \(v1\)/)).toBeChecked();
  const list = dialog.getByTestId('run-now-alerts');
  await dialog.getByLabel('Search alerts by title or id').fill(alert.id);
  await expect(list.locator('[data-alert-id]')).toHaveCount(1, { timeout: 20_000 });
  await list.locator(`[data-alert-id="${alert.id}"]`).click();
  await dialog.getByTestId('run-now-start').click();
  await expect(dialog.getByRole('status')).toContainText('The run has started.');
  await dialog.getByTestId('run-now-open').click();

  // High → 60 + 5: the code's result, then the email's subject resolved from its token.
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  const step = page.getByTestId('step-inspector');
  await page.locator('.react-flow__node[data-id="run_code"]').click();
  await expect(step).toHaveAttribute('data-node-id', 'run_code');
  await expect(step.getByTestId('inspector-output')).toContainText('risk 65');
  await page.locator('.react-flow__node[data-id="send_an_email"]').click();
  await expect(step).toHaveAttribute('data-node-id', 'send_an_email');
  await expect(step.getByTestId('inspector-input')).toContainText('Risk 65');
  await expect(step.getByTestId('inspector-input')).not.toContainText('{{');
  await snap(page, 'run-code-run-detail');
});
