// Alert text comes from outside (an attacker can name a file or craft a detection). An alert whose
// title and description carry script and HTML payloads is raised in the demo tenant; a flow runs
// on it and emails the text (plain and HTML). Everywhere it shows up — the run list, the run
// detail's alert summary and step JSON, the Outbox's text, HTML and source views — it must be
// literal text: no element made from it, no script run, no dialog, no CSP violation (which would
// mean markup was injected and only the policy stopped it).
import { expect, test, type Page } from '@playwright/test';
import { demoConnections, signIn, snap, switchOffAfterEach } from './helpers';
import { watchCsp } from './csp-watch';
import { buildEdge, buildGraph, buildNode } from '../core/testing/builders';

const json = { 'content-type': 'application/json' };
const track = switchOffAfterEach();

const stamp = `xss${Date.now()}`;
const TITLE = `${stamp} <script>window.__xss=1</script><img src=x onerror="window.__xss=1"> {{7*7}}`;
const DESCRIPTION = `Payload "><svg onload=window.__xss=1> <img src=x onerror="window.__xss=1"> <script>window.__xss=1</script> <b>bold</b> {{7*7}} &amp; done`;

async function expectNoScriptRan(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `window.__xss on ${where}`).toBeUndefined();
}

test('alert text with script and HTML payloads is shown as text everywhere', async ({ page }) => {
  test.setTimeout(150_000);
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const csp = await watchCsp(page);
  await signIn(page);

  // A flow that runs only on this test's alert and emails its title and description.
  const c = await demoConnections(page);
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', {
        connectionId: c.defender,
        filter: { combinator: 'and', rules: [{ left: '{{ trigger.title }}', operator: 'contains', right: stamp }] },
      }, { label: 'When a new alert is created' }),
      buildNode('get_alert', 'defender.getAlert', { connectionId: c.defender, alertId: '{{ trigger.id }}' }, { label: 'Get alert', position: { x: 260, y: 0 } }),
      buildNode('tell', 'email.send', {
        connectionId: c.smtp,
        to: 'soc@riposte.test',
        subject: `XSS check ${stamp}: {{ get_alert.title }}`,
        body: 'Title: {{ get_alert.title }}\nDescription: {{ get_alert.description }}',
        html: '<h1>{{ get_alert.title }}</h1><p data-testid="desc">{{ get_alert.description }}</p>',
      }, { label: 'Email the SOC', position: { x: 520, y: 0 } }),
    ],
    [buildEdge('trigger', 'get_alert'), buildEdge('get_alert', 'tell')],
  );
  const created = await page.request.post('/api/v1/flows', { data: { name: `XSS check ${stamp}`, graph }, headers: json });
  expect(created.status()).toBe(200);
  const flowId = ((await created.json()) as { id: string }).id;
  track(flowId);
  expect((await page.request.post(`/api/v1/flows/${flowId}/publish`)).ok()).toBe(true);
  expect((await page.request.post(`/api/v1/flows/${flowId}/enable`)).ok()).toBe(true);

  // The demo API raises the alert in the simulator, which serves it in MDE's own shape.
  const raised = await page.request.post('/api/v1/demo/alerts', { data: { severity: 'High', title: TITLE, description: DESCRIPTION }, headers: json });
  expect(raised.status()).toBe(200);
  const alert = (await raised.json()) as { id: string; title: string };
  expect(alert.title).toBe(TITLE);

  // Run list: the title is the row's text.
  await page.goto(`/runs?q=${encodeURIComponent(stamp)}`);
  const row = page.getByTestId('run-row').filter({ hasText: stamp });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId('run-title')).toHaveText(TITLE);
  await expect(row.locator('img, svg script, script')).toHaveCount(0);
  await expectNoScriptRan(page, 'run list');
  await snap(page, 'xss-run-list');

  // Run detail: alert summary and the steps' JSON.
  await row.getByTestId('run-link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-alert-title')).toHaveText(TITLE);
  await expect(page.getByTestId('run-alert-summary')).toContainText(TITLE);
  await page.locator('[data-testid="timeline-row"][data-node-id="get_alert"]').click();
  const inspector = page.getByTestId('step-inspector');
  await expect(inspector).toHaveAttribute('data-node-id', 'get_alert');
  await expect(inspector.getByTestId('inspector-output')).toContainText(TITLE);
  await expect(inspector.getByTestId('inspector-output')).toContainText(DESCRIPTION);
  await page.locator('[data-testid="timeline-row"][data-node-id="tell"]').click();
  await expect(inspector).toHaveAttribute('data-node-id', 'tell');
  // The HTML param as resolved: the tokens' values were HTML-escaped into it.
  await expect(inspector.getByTestId('inspector-input')).toContainText('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  await expect(inspector.getByTestId('inspector-input')).toContainText(`Description: ${DESCRIPTION}`);
  await expect(page.locator('main img[src="x"], main svg[onload]')).toHaveCount(0);
  await expectNoScriptRan(page, 'run detail');
  await snap(page, 'xss-run-detail');

  // Outbox: the text view, the sandboxed HTML view and the HTML source.
  await page.goto('/outbox');
  const mail = page.getByTestId('email').filter({ hasText: `XSS check ${stamp}` });
  await expect(mail).toHaveCount(1, { timeout: 20_000 });
  await expect(mail.getByTestId('email-subject')).toHaveText(`XSS check ${stamp}: ${TITLE}`);
  await expect(mail.getByTestId('email-text')).toHaveText(`Title: ${TITLE}\nDescription: ${DESCRIPTION}`, { useInnerText: true });
  await mail.getByTestId('email-view-html').click();
  const frame = mail.frameLocator('[data-testid="email-html"]');
  await expect(frame.locator('h1')).toHaveText(TITLE);
  await expect(frame.locator('[data-testid="desc"]')).toHaveText(DESCRIPTION);
  await expect(frame.locator('script, img, svg, b')).toHaveCount(0);
  await expect(mail.getByTestId('email-html')).toHaveAttribute('sandbox', '');
  await snap(page, 'xss-outbox-html');
  await mail.getByTestId('email-view-source').click();
  await expect(mail.getByTestId('email-html-source')).toContainText('<h1>');
  await expect(mail.getByTestId('email-html-source')).toContainText('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
  await expectNoScriptRan(page, 'outbox');

  expect(dialogs).toEqual([]);
  expect(await csp.violations()).toEqual([]);
});
