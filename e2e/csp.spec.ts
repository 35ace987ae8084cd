// The security headers and the CSP hold on every page, and every page still works under them:
// no CSP violation while the main pages render, hydrate and react (navigation, the designer's
// canvas, the run detail's graph). New pages in the sidebar are visited too.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, TEMPLATE_FLOW, raiseAlert, signIn, snap } from './helpers';
import { watchCsp } from './csp-watch';

function cspDirectives(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0] as string, d.slice(1)]));
}

/**
 * Visits a path and lets it hydrate and settle. Not 'networkidle': the run pages hold a live
 * event stream open, so the network never goes idle there.
 */
async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000);
  return res;
}

test('every response carries the security headers, with a fresh nonce per page', async ({ page, request }) => {
  const first = await request.get('/login');
  const headers = first.headers();
  const csp = cspDirectives(headers['content-security-policy']);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'"]));
  expect(csp.get('script-src')?.join(' ')).not.toContain('unsafe-eval');
  expect(csp.get('script-src')?.join(' ')).not.toContain('unsafe-inline');
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Plain http here: no HSTS; behind a TLS proxy (X-Forwarded-Proto: https) it is sent.
  expect(headers['strict-transport-security']).toBeUndefined();
  const https = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

  // The nonce changes per request, and Next.js put it on every script it wrote into the page.
  const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
  expect(nonce).toBeTruthy();
  const again = /'nonce-([^']+)'/.exec((await request.get('/login')).headers()['content-security-policy'] ?? '')?.[1];
  expect(again).not.toBe(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // API responses and static assets get the headers too.
  const api = await request.get('/api/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  expect((await request.get(asset!)).headers()['x-content-type-options']).toBe('nosniff');

  // Cannot be framed.
  await page.setContent('<iframe id="f" src="http://localhost:3100/login"></iframe>');
  await page.waitForTimeout(1000);
  const framed = page.frames().find((f) => f.url().includes('/login'));
  expect(await framed?.locator('form').count().catch(() => 0) ?? 0).toBe(0);
});

test('the main pages work under the CSP without a single violation', async ({ page }) => {
  test.setTimeout(180_000);
  const csp = await watchCsp(page);
  const seen: string[] = [];
  const check = async (label: string) => {
    const v = await csp.violations();
    expect(v, `CSP violations on ${label}`).toEqual([]);
    seen.push(label);
  };

  await visit(page, '/login');
  await check('/login');
  await signIn(page, ADMIN.email, ADMIN.password);
  await check('sign-in');

  // Every page the sidebar offers (including admin pages added later).
  await visit(page, '/dashboard');
  const hrefs = await page.locator('aside a[href^="/"], nav a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href') ?? ''))]);
  expect(hrefs).toEqual(expect.arrayContaining(['/dashboard', '/flows', '/runs', '/approvals', '/connections']));
  for (const href of hrefs) {
    if (!href || href.startsWith('/api/')) continue;
    await visit(page, href);
    await check(href);
  }

  // The designer: React Flow positions nodes with style attributes, and the canvas reacts.
  await visit(page, '/flows');
  await page.getByRole('link', { name: TEMPLATE_FLOW }).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.locator('.react-flow__node[data-id="get_alert"]').click();
  await page.waitForTimeout(500);
  await check('designer');
  await snap(page, 'csp-designer');

  // New flow form, a run list with a run, a run detail with its graph and inspector.
  await visit(page, '/flows/new');
  await check('/flows/new');
  // A run of the template flow's draft on a raised alert: the run list and the run detail's graph.
  await visit(page, '/flows');
  const alert = await raiseAlert(page, 'High');
  await check('raise alert');
  const flows = (await (await page.request.get('/api/v1/flows')).json()) as { items: { id: string; name: string }[] };
  const template = flows.items.find((f) => f.name === TEMPLATE_FLOW);
  expect(template).toBeTruthy();
  const started = await page.request.post(`/api/v1/flows/${template!.id}/run`, { data: { alertId: alert.id, version: 'draft' }, headers: { 'content-type': 'application/json' } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await visit(page, '/runs');
  await expect(page.getByTestId('run-link').and(page.locator(`[href="/runs/${runId}"]`))).toBeVisible({ timeout: 20_000 });
  await check('/runs with a run');
  await visit(page, `/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await page.locator('.react-flow__node[data-id="is_high"]').click();
  await expect(page.getByTestId('step-inspector')).toHaveAttribute('data-node-id', 'is_high');
  await check('run detail');

  // Pages outside the app shell: an invalid approval link, not found, forbidden.
  await visit(page, '/approve/00000000-0000-4000-8000-000000000000?d=approve&a=x@y.z&s=bad');
  await expect(page.getByText('This link is not valid')).toBeVisible();
  await check('approval link');
  await visit(page, '/no-such-page');
  await check('not found');
  expect(seen.length).toBeGreaterThan(8);
});
