// Run code in the browser: drop a "Run code" step from the palette between Get alert and an
// email, write its code in the CodeMirror editor, map an input with the token picker, declare
// a typed result field, and find it offered in the email's token picker. Then run the draft
// now on an alert and see the code's result in the run detail.
import { expect, test, type Page } from '@playwright/test';
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

test('add a Run code step, map an input, use its result token downstream, run it', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const { defender, smtp } = await demoConnections(page);
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 'trigger', type: 'defender.alertCreated', label: 'When a new alert is created', position: { x: 0, y: 0 }, params: { connectionId: defender } },
      { id: 'get_alert', type: 'defender.getAlert', label: 'Get alert', position: { x: 280, y: 0 }, params: { connectionId: defender, alertId: '{{ trigger.id }}' } },
      { id: 'mail', type: 'email.send', label: 'Send an email', position: { x: 840, y: 0 }, params: { connectionId: smtp, to: 'soc@example.com', subject: '', body: 'Scored by Riposte' } },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'get_alert' }],
  };
  const created = await page.request.post('/api/v1/flows', { data: { name: `Run code e2e ${Date.now()}`, graph } });
  expect(created.ok()).toBe(true);
  const flowId = ((await created.json()) as { id: string }).id;

  await page.goto(`/flows/${flowId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  // The palette lists Run code under Control; drop it between Get alert and the email.
  const box = await canvasNode(page, 'get_alert').boundingBox();
  if (box === null) throw new Error('Get alert is not visible');
  await dropFromPalette(page, 'code.run', { x: box.x + box.width / 2 + (box.width * 280) / 220, y: box.y + box.height / 2 + box.height * 1.2 });
  await expect(canvasNode(page, 'run_code')).toBeVisible();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-node-id', 'run_code');

  // Wire it in (get_alert → run_code → mail), so Get alert's outputs are upstream of it.
  await closeInspector(page);
  await connectSteps(page, 'get_alert', 'out', 'run_code');
  await connectSteps(page, 'run_code', 'out', 'mail');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await canvasNode(page, 'run_code').click();
  await expect(inspector).toHaveAttribute('data-node-id', 'run_code');

  // The editor starts with the convention as a template, highlighted as JavaScript.
  const editor = inspectorField(page, 'code').locator('.cm-content');
  await expect(editor).toContainText('export default function main(input)');
  await expect(inspectorField(page, 'code').locator('.cm-line span').first()).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(CODE);
  await expect(editor).toContainText('WEIGHT[input.severity]');

  // One input, mapped with the usual token picker.
  await inspectorField(page, 'inputs').getByRole('button', { name: 'Add input' }).click();
  await inspector.getByRole('textbox', { name: 'Input 1 name' }).fill('severity');
  await pickToken(inspectorField(page, 'inputs'), 'Get alert', 'Severity', 0, 'severity');
  await expect(inspector.getByRole('textbox', { name: 'Input 1 value' })).toHaveValue('{{ get_alert.severity }}');

  // A declared result field becomes a typed token for later steps.
  await inspectorField(page, 'outputFields').getByRole('button', { name: 'Add field' }).click();
  await inspector.getByRole('textbox', { name: 'Result field 1 name' }).fill('score');
  await inspector.getByRole('combobox', { name: 'Result field 1 type' }).selectOption('number');
  await inspector.getByLabel('Notes').click();
  await expectSaved(page);
  await snap(page, 'run-code-inspector');
  await inspectorField(page, 'code').scrollIntoViewIfNeeded();
  await page.getByTestId('inspector').screenshot({ path: 'e2e/screenshots/run-code-editor.png' });

  // The email's token picker offers the code's typed result field.
  await closeInspector(page);
  await canvasNode(page, 'mail').click();
  await expect(inspector).toHaveAttribute('data-node-id', 'mail');
  await pickToken(inspectorField(page, 'subject'), 'Run code', 'Result: score', 0, 'score');
  await expect(inspector.getByLabel('Subject')).toHaveValue('{{ run_code.result.score }}');
  await inspector.getByLabel('Notes').click();
  await expectSaved(page);
  await expect.poll(async () => Number(await page.getByTestId('checker-count').getAttribute('data-errors'))).toBe(0);

  // Run the draft now on a fresh High alert.
  const alert = await raiseAlert(page, 'High');
  await page.goto(`/flows/${flowId}`);
  await expectSaved(page);
  await page.getByRole('button', { name: 'Run now' }).click();
  const dialog = page.getByTestId('run-now-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/This draft/).check();
  const list = dialog.getByTestId('run-now-alerts');
  await dialog.getByLabel('Search alerts by title or id').fill(alert.id);
  await expect(list.locator('[data-alert-id]')).toHaveCount(1, { timeout: 20_000 });
  await list.locator(`[data-alert-id="${alert.id}"]`).click();
  await dialog.getByTestId('run-now-start').click();
  await expect(dialog.getByRole('status')).toContainText('The run has started.');
  await dialog.getByTestId('run-now-open').click();

  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await page.locator('.react-flow__node[data-id="run_code"]').click();
  const step = page.getByTestId('step-inspector');
  await expect(step).toHaveAttribute('data-node-id', 'run_code');
  await expect(step.getByTestId('inspector-output')).toContainText('risk 65');
  await expect(step.getByTestId('inspector-output')).toContainText('scored High 65');
  await expect(step.getByTestId('inspector-input')).toContainText('severity');
  await snap(page, 'run-code-run-detail');

  // Back in the designer, the latest run's result fields are known to the inspector too.
  await page.goto(`/flows/${flowId}`);
  await canvasNode(page, 'run_code').click();
  await expect(inspectorField(page, 'outputFields').getByRole('textbox', { name: 'Result field 1 name' })).toHaveValue('score');
});
