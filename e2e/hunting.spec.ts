// The hunting step in the designer: it appears in the palette under Microsoft Defender, its
// query is edited in the monospace KQL field, and its outputs feed later steps' tokens.
import { expect, test } from '@playwright/test';
import { canvasNode, createFlow, dropFromPalette, expectSaved, inspectorField, signIn, snap } from './helpers';

test('add a hunting query step and edit its KQL', async ({ page }) => {
  await signIn(page);
  await createFlow(page, 'Hunting e2e: servers report', 'blank');
  const trigger = await canvasNode(page, 'trigger').boundingBox();
  if (trigger === null) throw new Error('trigger is not visible');
  await dropFromPalette(page, 'defender.runHuntingQuery', { x: trigger.x + trigger.width * 2, y: trigger.y + trigger.height / 2 });
  await expect(canvasNode(page, 'run_hunting_query')).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'run_hunting_query');

  const query = inspectorField(page, 'query').locator('textarea');
  await expect(query).toHaveCSS('font-family', /mono/i);
  await query.fill('DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName\n| order by DeviceName asc');
  await expect(inspectorField(page, 'api').locator('select')).toHaveValue('graph');
  await inspectorField(page, 'timespan').locator('input').fill('P7D');
  await expectSaved(page);
  await snap(page, 'hunting-inspector');
});
