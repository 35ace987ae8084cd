// Designer editing (issue 3): undo/redo, copy/paste, tidy up, export/import, refused
// connections and inserting on an edge. Each test starts from its own copy of the seed flow
// (template "isolate-high": trigger → get_alert → is_high →yes→ isolate → notify_soc).
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { canvasEdge, canvasNode, centerOf, connectSteps, createFlow, expectSaved, flowIdOf, mouseDrag, signIn, snap } from './helpers';

const SEED_IDS = ['trigger', 'get_alert', 'is_high', 'isolate', 'notify_soc'];

async function seedFlow(page: Page, name: string): Promise<string> {
  await signIn(page);
  const id = await createFlow(page, name, 'isolate-high');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  return id;
}

type Box = { id: string; x: number; y: number; width: number; height: number };

async function nodeBoxes(page: Page): Promise<Box[]> {
  const nodes = page.locator('.react-flow__node');
  const boxes: Box[] = [];
  for (let i = 0; i < (await nodes.count()); i++) {
    const n = nodes.nth(i);
    const box = await n.boundingBox();
    if (box) boxes.push({ id: (await n.getAttribute('data-id')) ?? '', ...box });
  }
  return boxes;
}

function overlaps(boxes: Box[]): string[] {
  const hits: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) hits.push(`${a.id}/${b.id}`);
    }
  }
  return hits;
}

/** Flow-space positions (React Flow's translate on each node), independent of zoom and pan. */
async function flowPositions(page: Page): Promise<Record<string, string>> {
  return page.locator('.react-flow__node').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-id'), (e as HTMLElement).style.transform])));
}

test('undo and redo a deletion, with the keyboard and the toolbar', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: undo');
  const isolate = canvasNode(page, 'isolate');

  await isolate.click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'isolate');
  await page.keyboard.press('Delete');
  await expect(isolate).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  // Its two connections went with it.
  await expect(canvasEdge(page, 'is_high', 'isolate')).toHaveCount(0);
  await expect(canvasEdge(page, 'isolate', 'notify_soc')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await snap(page, 'designer-edit-deleted');

  await page.keyboard.press('Control+z');
  await expect(isolate).toBeVisible();
  await expect(canvasEdge(page, 'is_high', 'isolate')).toHaveCount(1);
  await expect(canvasEdge(page, 'isolate', 'notify_soc')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  await page.keyboard.press('Control+Shift+Z');
  await expect(isolate).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await undo.click();
  await expect(isolate).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await redo.click();
  await expect(isolate).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(redo).toBeDisabled();
  await undo.click();
  await expect(isolate).toBeVisible();
  await expect(canvasEdge(page, 'isolate', 'notify_soc')).toHaveCount(1);
  await expect(redo).toBeEnabled();

  // The restored step is what the server has after the autosave, too.
  await expectSaved(page);
  await page.reload();
  await expect(canvasNode(page, 'isolate')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
});

test('copy and paste a branch: new ids, internal connection kept', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: copy paste');
  await canvasNode(page, 'get_alert').click();
  await canvasNode(page, 'is_high').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  // Two steps selected: no single-step inspector.
  await expect(page.getByTestId('inspector')).toHaveCount(0);

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(canvasNode(page, 'get_alert_2')).toBeVisible();
  await expect(canvasNode(page, 'is_high_2')).toBeVisible();
  // The edge between the copies is copied (remapped); edges to outside steps are not.
  await expect(canvasEdge(page, 'get_alert_2', 'is_high_2')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  // The pasted steps are the new selection; the originals are unchanged.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(canvasNode(page, 'get_alert_2')).toHaveClass(/selected/);
  await expect(canvasEdge(page, 'get_alert', 'is_high')).toHaveCount(1);
  await snap(page, 'designer-edit-pasted');

  // Pasting again gives the next free ids.
  await page.keyboard.press('Control+v');
  await expect(canvasNode(page, 'get_alert_3')).toBeVisible();
  await expect(canvasEdge(page, 'get_alert_3', 'is_high_3')).toHaveCount(1);
  await expectSaved(page);
});

test('tidy up lays the steps out left to right without overlaps', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: tidy');
  // Drag "Email the SOC" on top of "Get alert" to make a mess.
  const target = await centerOf(canvasNode(page, 'get_alert'));
  await mouseDrag(page, await centerOf(canvasNode(page, 'notify_soc')), { x: target.x + 10, y: target.y + 12 });
  await expect.poll(async () => overlaps(await nodeBoxes(page))).toContain('get_alert/notify_soc');
  const before = await flowPositions(page);
  await page.keyboard.press('Escape');
  await snap(page, 'designer-edit-messy');

  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect.poll(async () => overlaps(await nodeBoxes(page))).toEqual([]);
  const after = await flowPositions(page);
  expect(after).not.toEqual(before);
  expect(after.notify_soc).not.toEqual(before.notify_soc);
  // Left to right in execution order, and everything is in view after the re-fit.
  await expect
    .poll(async () => {
      const boxes = new Map((await nodeBoxes(page)).map((b) => [b.id, b.x]));
      return SEED_IDS.map((id) => boxes.get(id) ?? NaN).every((x, i, xs) => i === 0 || x > xs[i - 1]);
    })
    .toBe(true);
  for (const id of SEED_IDS) await expect(canvasNode(page, id)).toBeInViewport();
  await snap(page, 'designer-edit-tidy');

  // One undo step puts the mess back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => flowPositions(page)).toEqual(before);
});

test('export downloads JSON that imports as a new flow; a bad file gets a clear error', async ({ page }, testInfo) => {
  const sourceId = await seedFlow(page, 'Designer e2e: export');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8')) as { name: string; graph: { nodes: { id: string }[]; edges: unknown[] } };
  expect(exported.name).toBe('Designer e2e: export');
  expect(exported.graph.nodes.map((n) => n.id).sort()).toEqual([...SEED_IDS].sort());
  expect(exported.graph.edges).toHaveLength(4);

  // Import it on /flows/new: a new flow with the same steps opens in the designer.
  await page.goto('/flows/new');
  await page.getByLabel('Import flow file').setInputFiles(file);
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  expect(flowIdOf(page)).not.toBe(sourceId);
  await expect(page.getByTestId('flow-name')).toHaveText('Designer e2e: export');
  await expect(page.locator('.react-flow__node')).toHaveCount(exported.graph.nodes.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('checker-count')).toHaveAttribute('data-errors', '0');
  await snap(page, 'designer-edit-imported');

  // Not JSON at all.
  await page.goto('/flows/new');
  await page.getByLabel('Import flow file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "half a file", "graph": {') });
  await expect(page.getByTestId('import-error')).toContainText('not JSON');
  await expect(page).toHaveURL(/\/flows\/new$/);
  // JSON, but not a flow: every problem is named.
  await page.getByLabel('Import flow file').setInputFiles({ name: 'not-a-flow.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "", "graph": {"nodes": 3}}') });
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-error')).not.toContainText('not JSON');
  await expect(page.getByTestId('import-error')).toContainText(/name|graph|nodes/i);
  await expect(page).toHaveURL(/\/flows\/new$/);
  await snap(page, 'designer-edit-import-error');
});

test('invalid connections are refused with a reason', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: refused');
  const toast = page.getByTestId('editor-toast');

  // Back into the trigger: it has no input, and dropping on it says why.
  const from = await centerOf(canvasNode(page, 'notify_soc').locator('.react-flow__handle.source[data-handleid="out"]'));
  await mouseDrag(page, from, await centerOf(canvasNode(page, 'trigger')), 16);
  await expect(toast.filter({ hasText: 'Nothing can connect into the trigger' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge[aria-label$=" to trigger"]')).toHaveCount(0);

  // A loop: the email step back into Get alert.
  await connectSteps(page, 'notify_soc', 'out', 'get_alert');
  await expect(toast.filter({ hasText: 'loop back on itself' })).toBeVisible();
  await expect(canvasEdge(page, 'notify_soc', 'get_alert')).toHaveCount(0);
  await snap(page, 'designer-edit-refused');

  // The "yes" branch already leads to a step.
  await connectSteps(page, 'is_high', 'true', 'notify_soc');
  await expect(toast.filter({ hasText: 'The "yes" branch already leads to a step' })).toBeVisible();
  await expect(canvasEdge(page, 'is_high', 'notify_soc')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  // Nothing changed, so there is nothing to undo.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('"+" on an edge inserts a step connected on both sides', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: insert');
  // The edge Get alert → Severity is High (id e2 in the template).
  await page.getByTestId('edge-plus-e2').click();
  const menu = page.getByTestId('insert-menu');
  await expect(menu).toBeVisible();
  // Triggers are never offered in the middle of a flow.
  await expect(menu.getByRole('option', { name: 'When a new alert is created' })).toHaveCount(0);
  await menu.getByRole('textbox', { name: 'Search steps' }).fill('email');
  await menu.getByRole('option', { name: 'Send an email' }).click();
  await expect(menu).toBeHidden();

  await expect(canvasNode(page, 'send_an_email')).toBeVisible();
  await expect(canvasEdge(page, 'get_alert', 'send_an_email')).toHaveCount(1);
  await expect(canvasEdge(page, 'send_an_email', 'is_high')).toHaveCount(1);
  await expect(canvasEdge(page, 'get_alert', 'is_high')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  // The new step is selected for editing, and nothing overlaps (later steps moved right).
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'send_an_email');
  await expect.poll(async () => overlaps(await nodeBoxes(page))).toEqual([]);
  await snap(page, 'designer-edit-inserted');

  // "+" on a handle adds the next step after it, already connected.
  await page.keyboard.press('Escape');
  // Inserting moved the later steps right and framed the new one, so the last step may now be
  // outside the canvas: frame everything first. The canvas may still be panning; a click that
  // lands while it moves hits the pane (which closes menus), so retry until the menu is open.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect(async () => {
    await canvasNode(page, 'notify_soc').hover();
    await page.getByTestId('handle-plus-notify_soc-out').click({ timeout: 2000 });
    await expect(page.getByTestId('insert-menu')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId('insert-menu').getByRole('option', { name: 'Get alert', exact: true }).click();
  await expect(canvasEdge(page, 'notify_soc', 'get_alert_2')).toHaveCount(1);
  await expectSaved(page);
});

test('a step can be wired without the mouse from its Connections list', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: keyboard wiring');
  await canvasNode(page, 'isolate').click();
  const wiring = page.getByTestId('node-connections');
  await expect(wiring).toBeVisible();
  // Remove "next → Email the SOC" with its button, then connect it again from the select.
  await wiring.getByRole('button', { name: /Remove connection next to/ }).press('Enter');
  await expect(canvasEdge(page, 'isolate', 'notify_soc')).toHaveCount(0);
  const select = wiring.getByRole('combobox', { name: 'Connect next to' });
  await select.focus();
  await select.selectOption('notify_soc');
  await expect(canvasEdge(page, 'isolate', 'notify_soc')).toHaveCount(1);
  // The trigger and earlier steps are never offered (no edge into the trigger, no loops).
  const offered = await wiring.getByRole('combobox', { name: 'Connect on error to' }).locator('option').allTextContents();
  expect(offered).not.toContain('When a new alert is created');
  expect(offered.some((o) => /Get alert/.test(o))).toBe(false);
  await expectSaved(page);
  await snap(page, 'designer-edit-keyboard-wiring');
});

test('the inspector opens over the canvas, which keeps its size, and never hides the step it shows', async ({ page }) => {
  await seedFlow(page, 'Designer e2e: inspector over the canvas');
  const canvas = page.getByTestId('editor-canvas');
  const notify = canvasNode(page, 'notify_soc');
  const before = await canvas.boundingBox();
  const rightEdge = async () => {
    const b = await notify.boundingBox();
    return b === null ? Infinity : b.x + b.width;
  };
  /** The step lies wholly left of the open panel (poll: the view pans with an animation). */
  const clearOfPanel = async () => {
    const panel = await page.getByTestId('side-panel').boundingBox();
    await expect.poll(rightEdge).toBeLessThanOrEqual(panel!.x);
  };
  // Fitted to the whole canvas, the last step sits where the panel opens.
  expect(await rightEdge()).toBeGreaterThan(before!.x + before!.width - 360);

  // By mouse: the panel opens without narrowing the canvas, and the step slides out from under it.
  await notify.click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'notify_soc');
  expect(await canvas.boundingBox()).toEqual(before);
  await clearOfPanel();
  // Give the step a problem for the checker, then close the panel and fit the flow again.
  await page.getByTestId('inspector').getByLabel('Subject').fill('');
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(page.getByTestId('side-panel')).toHaveCount(0);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect.poll(rightEdge).toBeGreaterThan(before!.x + before!.width - 360);

  // By keyboard: focus the step and press Enter.
  await notify.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'notify_soc');
  await clearOfPanel();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('side-panel')).toHaveCount(0);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect.poll(rightEdge).toBeGreaterThan(before!.x + before!.width - 360);

  // From the checker: the step is framed in the part of the canvas the panel leaves free.
  await page.getByTestId('checker-panel').getByRole('button', { name: /^Flow checker:/ }).click();
  await page.getByTestId('checker-issue').filter({ hasText: 'Subject' }).click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'notify_soc');
  await clearOfPanel();
  await snap(page, 'designer-edit-inspector-over-canvas');
});
