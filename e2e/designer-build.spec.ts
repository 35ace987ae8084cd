// The designer's acceptance test (issue 3): from an empty canvas, build the seed flow entirely
// by mouse — drag steps from the palette, connect handles, fill the inspector with tokens from
// the picker and `{{` autocomplete, set the condition — then watch the checker go clean,
// publish, switch on, raise a High alert and see a run of this flow succeed.
import { expect, test, type Page } from '@playwright/test';
import {
  canvasEdge,
  canvasNode,
  centerOf,
  connectSteps,
  createFlow,
  dropFromPalette,
  expectSaved,
  inspectorField,
  pickToken,
  raiseAlert,
  signIn,
  snap,
  publishAndSwitchOn,
} from './helpers';

const FLOW = 'Designer e2e: isolate on High';

/** Selects a step by clicking its card; the inspector shows it. */
async function openStep(page: Page, id: string): Promise<void> {
  await canvasNode(page, id).click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

async function closeInspector(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
}

/**
 * Drops a palette step one column to the right of `after` (dy: vertical offset in node
 * heights) and waits for it to appear selected in the inspector.
 */
async function dropAfter(page: Page, type: string, after: string, id: string, dy = 0): Promise<void> {
  // The inspector covers the canvas's right edge: close it so the drop lands on visible canvas.
  if ((await page.getByTestId('inspector').count()) > 0) await closeInspector(page);
  const box = await canvasNode(page, after).boundingBox();
  if (box === null) throw new Error(`${after} is not visible`);
  // One column = 280 flow units for a 220-unit card: keep the same gap at any zoom.
  const column = (box.width * 280) / 220;
  await dropFromPalette(page, type, { x: box.x + box.width / 2 + column, y: box.y + box.height / 2 + dy * box.height });
  await expect(canvasNode(page, id)).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
}

test('build the seed flow by mouse, publish it, switch it on, and see it run', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);

  // New flow → Blank: the designer opens with only the trigger.
  const flowId = await createFlow(page, FLOW, 'blank');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(canvasNode(page, 'trigger')).toBeVisible();
  await expect(page.getByText('Drag a step here')).toBeVisible();
  // The trigger is taken, so its palette entry is disabled with the reason.
  await expect(page.getByRole('complementary', { name: 'Steps' }).getByRole('button', { name: 'When a new alert is created', exact: true })).toBeDisabled();
  await snap(page, 'designer-01-empty');

  // Zoom out so five columns fit (the Controls "−" button), then drag the steps in.
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 2; i++) await zoomOut.click();
  await dropAfter(page, 'defender.getAlert', 'trigger', 'get_alert');
  await dropAfter(page, 'control.condition', 'get_alert', 'condition');
  await dropAfter(page, 'defender.isolateMachine', 'condition', 'isolate_machine', -0.8);
  await dropAfter(page, 'email.send', 'isolate_machine', 'send_an_email');
  await closeInspector(page);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  // Unconnected steps are errors the checker reports.
  await expect.poll(async () => Number(await page.getByTestId('checker-count').getAttribute('data-errors'))).toBeGreaterThan(0);
  await expect(canvasNode(page, 'get_alert').getByTestId('node-error-badge')).toBeVisible();
  await snap(page, 'designer-02-dropped');

  // Connect by dragging between handles.
  await connectSteps(page, 'trigger', 'out', 'get_alert');
  await expect(canvasEdge(page, 'trigger', 'get_alert')).toHaveCount(1);
  await connectSteps(page, 'get_alert', 'out', 'condition');
  await expect(canvasEdge(page, 'get_alert', 'condition')).toHaveCount(1);
  await connectSteps(page, 'condition', 'true', 'isolate_machine');
  await expect(canvasEdge(page, 'condition', 'isolate_machine')).toHaveCount(1);
  await connectSteps(page, 'isolate_machine', 'out', 'send_an_email');
  await expect(canvasEdge(page, 'isolate_machine', 'send_an_email')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  // The condition's connection is its "yes" branch (drawn green; "no" would be rose).
  await expect(canvasEdge(page, 'condition', 'isolate_machine').locator('path.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(16, 185, 129)');
  await snap(page, 'designer-03-connected');

  // Get alert: the alert id is the trigger's Alert ID, chosen in the dynamic content picker.
  await openStep(page, 'get_alert');
  // Frame every step again, now left of the inspector (Fit View leaves its strip out).
  await page.getByRole('button', { name: 'Fit View' }).click();
  const inspector = page.getByTestId('inspector');
  await inspector.getByLabel('Defender connection').selectOption({ label: 'Demo tenant (demo)' });
  await pickToken(inspectorField(page, 'alertId'), 'When a new alert is created', 'Alert ID');
  await expect(inspector.getByLabel('Alert ID')).toHaveValue('{{ trigger.id }}');
  // Away from the field the token reads as a chip, not braces.
  await inspector.getByLabel('Notes').click();
  await expect(inspectorField(page, 'alertId')).toContainText('When a new alert is created › Alert ID');
  await snap(page, 'designer-04-token-chips');

  // Condition: Get alert › Severity is equal to High.
  await openStep(page, 'condition');
  const rule = inspector.getByRole('group', { name: 'Rule 1' });
  await pickToken(rule, 'Get alert', 'Severity', 0);
  await expect(rule.getByRole('textbox', { name: 'Rule 1: value' })).toHaveValue('{{ get_alert.severity }}');
  await rule.getByLabel('Rule 1: operator').selectOption({ label: 'is equal to' });
  await rule.getByRole('textbox', { name: 'Rule 1: compare with' }).fill('High');
  await inspector.getByLabel('Name', { exact: true }).fill('Severity is High');
  await expect(rule).toContainText('Get alert › Severity');
  await snap(page, 'designer-05-condition');

  // Isolate machine: connection, machine id from the picker, comment, Full isolation.
  await openStep(page, 'isolate_machine');
  await inspector.getByLabel('Defender connection').selectOption({ label: 'Demo tenant (demo)' });
  await pickToken(inspectorField(page, 'machineId'), 'Get alert', 'Machine ID');
  await expect(inspector.getByLabel('Machine ID')).toHaveValue('{{ get_alert.machineId }}');
  await inspector.getByLabel('Comment').fill('Isolated by Riposte (designer e2e): High severity alert');
  await inspector.getByLabel('Isolation type').selectOption('Full');
  await expect(inspector.getByLabel('Isolation type')).toHaveValue('Full');

  // Send an email: SMTP connection, recipient, a subject token typed with `{{`, body.
  await openStep(page, 'send_an_email');
  // Only SMTP connections are offered here.
  await expect(inspector.getByLabel('SMTP connection').locator('option', { hasText: 'Demo tenant' })).toHaveCount(0);
  await inspector.getByLabel('SMTP connection').selectOption({ label: 'Demo outbox (demo)' });
  const to = inspector.getByRole('textbox', { name: 'To', exact: true });
  await to.fill('soc@riposte.test');
  await to.press('Enter');
  await expect(inspectorField(page, 'to').getByRole('button', { name: 'Remove soc@riposte.test' })).toBeVisible();
  const subject = inspector.getByLabel('Subject');
  await subject.click();
  await subject.pressSequentially('Isolated after ');
  await subject.pressSequentially('{{');
  const auto = inspectorField(page, 'subject').getByRole('listbox', { name: 'Dynamic content' });
  await expect(auto).toBeVisible();
  await subject.pressSequentially('title');
  await auto.getByRole('group', { name: 'Get alert' }).getByRole('option', { name: /^Title\b/ }).click();
  await expect(subject).toHaveValue('Isolated after {{ get_alert.title }}');
  await inspector.getByRole('textbox', { name: 'Body', exact: true }).fill('Riposte isolated a device after a High severity alert.');
  await inspector.getByLabel('Notes').click();
  await expect(inspectorField(page, 'subject')).toContainText('Get alert › Title');

  // The checker is clean and the draft is saved.
  await expect(page.getByTestId('checker-count')).toHaveAttribute('data-errors', '0');
  await expect(page.getByRole('button', { name: /^Flow checker: No issues|^Flow checker: \d+ warnings?/ })).toBeVisible();
  await expect(page.locator('[data-testid="editor-node"][data-errors]:not([data-errors="0"])')).toHaveCount(0);
  await expectSaved(page);
  await snap(page, 'designer-06-checker-clean');

  // Publish, then switch on.
  await publishAndSwitchOn(page);
  await snap(page, 'designer-07-published');

  try {
    // A High alert starts a run of THIS flow that isolates the device and sends the email.
    await page.goto('/flows');
    const alert = await raiseAlert(page, 'High');
    await page.goto(`/runs?flowId=${flowId}`);
    const row = page.locator(`[data-testid="run-row"][data-alert-id="${alert.id}"]`);
    await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
    await row.getByTestId('run-link').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.locator('[data-testid="step-row"][data-node-id="condition"]').getByTestId('condition-branch')).toHaveText('yes');
    await expect(page.locator('[data-testid="step-row"][data-node-id="isolate_machine"]')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.locator('[data-testid="step-row"][data-node-id="send_an_email"]')).toHaveAttribute('data-status', 'succeeded');
    await snap(page, 'designer-08-run');
  } finally {
    // Leave no extra enabled flow behind: later specs count runs per alert.
    await page.goto(`/flows/${flowId}`);
    const sw = page.getByRole('switch', { name: 'Flow on' });
    if ((await sw.getAttribute('aria-checked')) === 'true') {
      await sw.click();
      await expect(sw).toHaveAttribute('aria-checked', 'false');
    }
  }
});
