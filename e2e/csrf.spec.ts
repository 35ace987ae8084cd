// CSRF against the running app (issue 7). Server actions: Next.js compares Origin with Host and
// refuses a cross-origin Next-Action POST even with the admin's cookie. REST: a form on another
// site posting to /api/v1/… is refused — SameSite=Lax keeps the cookie off such posts, and with
// the cookie forced onto the request the origin check still refuses it. Nothing is created.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './helpers';

const APP = 'http://localhost:3100';

/** The id Next gave a server action in this build (.next/server/server-reference-manifest.json). */
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${filename}#${exportedName} in the build`);
  return found[0];
}

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies(APP)).find((c) => c.name === 'riposte_session');
  if (!cookie) throw new Error('not signed in');
  return `riposte_session=${cookie.value}`;
}

async function flowNames(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/v1/flows');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { name: string }[] }).items.map((f) => f.name);
}

const exported = (name: string) => JSON.stringify({ name, description: '', graph: { schemaVersion: 1, nodes: [], edges: [] } });

test('a cross-origin server action call with the admin cookie is refused; the same call from our origin works', async ({ page }) => {
  await signIn(page);
  const cookie = await sessionCookie(page);
  const id = actionId('app/(app)/flows/new/actions.ts', 'importFlowAction');
  const call = (origin: string, name: string) =>
    page.request.post('/flows/new', {
      headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin, cookie },
      data: JSON.stringify([exported(name)]),
    });

  const evilName = `csrf action ${Date.now()}`;
  const evil = await call('https://evil.example', evilName);
  expect(evil.status()).toBeGreaterThanOrEqual(400);
  expect(await evil.text()).not.toContain('"ok":true');
  expect(await flowNames(page.request)).not.toContain(evilName);

  // Control: the identical request from our own origin runs the action, so the refusal above
  // is the origin check and not a malformed call.
  const okName = `same-origin action ${Date.now()}`;
  const ok = await call(APP, okName);
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain('"ok":true');
  expect(await flowNames(page.request)).toContain(okName);
});

let evilSite: Server;
let evilOrigin: string;

// Another site (127.0.0.1 is a different site from localhost) with auto-submitting forms that
// target the REST API in each encoding a form can send.
test.beforeAll(async () => {
  evilSite = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://evil');
    const enctype = url.searchParams.get('enctype') ?? 'application/x-www-form-urlencoded';
    const name = url.searchParams.get('name') ?? 'evil';
    // text/plain sends `field=value`: a field named like JSON makes the body look like JSON.
    const fields =
      enctype === 'text/plain'
        ? `<input type="hidden" name='${exported(name).slice(0, -1)}, "x":"' value='"}'>`
        : `<input type="hidden" name="name" value="${name}"><input type="hidden" name="graph" value="{}">`;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Evil</title><form id="f" method="POST" action="${APP}/api/v1/flows/import" enctype="${enctype}">${fields}</form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => evilSite.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://127.0.0.1:${(evilSite.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => evilSite.close(() => resolve()));
});

for (const enctype of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
  test(`a form on another site posting ${enctype} to /api/v1/flows/import is refused`, async ({ page }) => {
    await signIn(page);
    const cookie = await sessionCookie(page);
    const target = `${APP}/api/v1/flows/import`;
    const visit = async (name: string) => {
      const response = page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST');
      await page.goto(`${evilOrigin}/?enctype=${encodeURIComponent(enctype)}&name=${encodeURIComponent(name)}`);
      return response;
    };

    // As browsers send it: the SameSite=Lax cookie stays home, so the post is anonymous.
    const plainName = `csrf form ${Date.now()}`;
    const plain = await visit(plainName);
    expect(plain.status()).toBe(401);

    // With the admin cookie forced onto the cross-site request, the origin check refuses it.
    // (Chromium will not let route.continue() set a Cookie header, so the intercepted post, with
    // its Origin and body as the browser made them, is sent on with the cookie added.)
    await page.route(target, async (route) => route.fulfill({ response: await route.fetch({ headers: { ...route.request().headers(), cookie } }) }));
    const forcedName = `csrf forced ${Date.now()}`;
    const forced = await visit(forcedName);
    expect(forced.request().headers()['origin']).toBe(evilOrigin);
    expect(forced.status()).toBe(403);
    expect(await forced.text()).toContain('CrossOrigin');
    await page.unroute(target);

    const names = await flowNames(page.request);
    expect(names).not.toContain(plainName);
    expect(names).not.toContain(forcedName);
  });
}
