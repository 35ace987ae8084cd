// Never lose an edit (issue 3): a stale save from a second tab is refused and the user chooses
// between the other version and a copy of their own; version history lists published versions
// and restores an older one as the draft.
import { expect, test, type Page } from '@playwright/test';
import { canvasNode, createFlow, expectSaved, flowIdOf, signIn, snap } from './helpers';

/** Selects a step and renames it in the inspector. */
async function rename(page: Page, nodeId: string, label: string): Promise<void> {
  await canvasNode(page, nodeId).click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-node-id', nodeId);
  await inspector.getByRole('textbox', { name: 'Name', exact: true }).fill(label);
  await expect(canvasNode(page, nodeId)).toHaveAttribute('aria-label', label);
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByRole('button', { name: 'Publish now' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(dialog).toBeHidden();
}

test('a stale save in a second tab gets the conflict choice', async ({ page: a, context }) => {
  test.setTimeout(90_000);
  const name = 'Designer e2e: conflict';
  await signIn(a);
  const flowId = await createFlow(a, name, 'isolate-high');

  // Tab B opens the same draft.
  const b = await context.newPage();
  await b.goto(`/flows/${flowId}`);
  await expectSaved(b);
  await expect(canvasNode(b, 'get_alert')).toHaveAttribute('aria-label', 'Get alert');

  // A saves first; B's next save is based on a stale version.
  await rename(a, 'get_alert', 'Get alert (edited in A)');
  await expectSaved(a);
  await rename(b, 'is_high', 'Severity check (edited in B)');
  const conflict = b.getByTestId('conflict-dialog');
  await expect(conflict).toBeVisible();
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-status', 'conflict');
  await expect(conflict.getByRole('button', { name: 'Reload theirs' })).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Keep mine as a copy' })).toBeVisible();
  await snap(b, 'designer-conflict-dialog');

  // Reload theirs: B now shows A's edit, and B's own edit is gone from the canvas.
  await conflict.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(conflict).toBeHidden();
  await expect(canvasNode(b, 'get_alert')).toHaveAttribute('aria-label', 'Get alert (edited in A)');
  await expect(canvasNode(b, 'is_high')).toHaveAttribute('aria-label', 'Severity is High');
  await expectSaved(b);

  // Again, and this time keep B's version as a copy.
  await rename(a, 'get_alert', 'Get alert (edited in A again)');
  await expectSaved(a);
  await rename(b, 'is_high', 'Severity check (kept by B)');
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(b).not.toHaveURL(new RegExp(flowId));
  await expect(b).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  const copyId = flowIdOf(b);
  await expect(b.getByTestId('flow-name')).toHaveText(`${name} (copy)`);
  await expect(canvasNode(b, 'is_high')).toHaveAttribute('aria-label', 'Severity check (kept by B)');
  // The copy is B's view: A's first edit (reloaded earlier), not A's latest.
  await expect(canvasNode(b, 'get_alert')).toHaveAttribute('aria-label', 'Get alert (edited in A)');
  await expect(b.getByTestId('conflict-dialog')).toHaveCount(0);
  await expectSaved(b);
  await snap(b, 'designer-conflict-copy');

  // The original kept A's latest edit and never got B's; nothing is offered for recovery.
  await a.reload();
  await expectSaved(a);
  await expect(canvasNode(a, 'get_alert')).toHaveAttribute('aria-label', 'Get alert (edited in A again)');
  await expect(canvasNode(a, 'is_high')).toHaveAttribute('aria-label', 'Severity is High');
  await expect(a.getByTestId('recovery-dialog')).toHaveCount(0);
  await a.goto('/flows');
  await expect(a.getByRole('link', { name: `${name} (copy)` })).toHaveAttribute('href', `/flows/${copyId}`);
  await b.close();
});

test('version history lists published versions and restores an older one as the draft', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await createFlow(page, 'Designer e2e: versions', 'isolate-high');

  await publish(page); // version 1
  await rename(page, 'get_alert', 'Get alert v2');
  await expectSaved(page);
  // The publish dialog lists what changed since version 1.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog).toHaveAccessibleName('Publish version 2');
  await expect(dialog.getByTestId('publish-changes')).toContainText('Get alert v2');
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(dialog).toBeHidden();
  // A draft change that was never published.
  await rename(page, 'get_alert', 'Draft only');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Versions' }).click();
  const panel = page.getByRole('region', { name: 'Versions' });
  await expect(panel.getByTestId('version-row-2')).toContainText('Latest published');
  await expect(panel.getByTestId('version-row-2')).toContainText('5 steps');
  await expect(panel.getByTestId('version-row-1')).toBeVisible();
  await expect(panel.getByTestId(/^version-row-/)).toHaveCount(2);
  await snap(page, 'designer-versions');

  // View version 1 read-only, then restore it from the banner.
  await panel.getByRole('button', { name: 'View version 1' }).click();
  const banner = page.getByTestId('version-banner');
  await expect(banner).toContainText('Viewing version 1');
  await expect(canvasNode(page, 'get_alert')).toHaveAttribute('aria-label', 'Get alert');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
  await snap(page, 'designer-version-view');
  await banner.getByRole('button', { name: 'Restore this version' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('editor-toast').filter({ hasText: 'Version 1 restored as the draft' })).toBeVisible();
  await expect(canvasNode(page, 'get_alert')).toHaveAttribute('aria-label', 'Get alert');
  await expectSaved(page);
  await page.reload();
  await expect(canvasNode(page, 'get_alert')).toHaveAttribute('aria-label', 'Get alert');

  // Restore from the list too (with its confirmation): version 2 is the draft again.
  await page.getByRole('button', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Restore version 2' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore version 2?' });
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(canvasNode(page, 'get_alert')).toHaveAttribute('aria-label', 'Get alert v2');
  await expectSaved(page);
  await page.reload();
  await expect(canvasNode(page, 'get_alert')).toHaveAttribute('aria-label', 'Get alert v2');
});
