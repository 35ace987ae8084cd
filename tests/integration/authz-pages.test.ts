// The authorisation matrix for pages: every app/**/page.tsx is found from the file tree and its
// default export is called as Next would call it — anonymous, viewer, editor and admin, through
// the same next/headers stand-in as the route and action matrix — and must send anonymous to
// /login, a role without the table's permission to /forbidden, and let the others through (a
// rendered page or a 404 for an unknown id). A page without an entry in PAGES fails by name.
// The source is also read: the page must ask requirePage for exactly the table's permission
// (two permissions granted to the same roles cannot be told apart by rendering).
import './setup-env';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/server/db/client';
import { can, type Role } from '@/server/auth/roles';
import { createFlow } from '@/server/services/flows';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { createConnection } from '@/server/services/connections';
import { resetDatabase } from './harness';
import { pageFiles, ROOT, type RouteFile } from '../authz/enumerate';
import { PAGES, type Fixtures } from '../authz/expected-access';
import { createCallers, ROLES, type Caller } from '../authz/principals';
import { actAs, Redirected } from '../authz/request-context';

vi.mock('next/headers', async () => (await import('../authz/request-context')).nextHeadersMock);
vi.mock('next/navigation', async (original) => ({
  ...(await original<typeof import('next/navigation')>()),
  redirect: (await import('../authz/request-context')).redirectMock,
}));

type PageComponent = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => unknown;
interface FoundPage extends RouteFile {
  render: PageComponent;
}

let callers: Record<Role, Caller>;
let fx: Fixtures;
const pages: FoundPage[] = [];

beforeAll(async () => {
  await resetDatabase();
  callers = await createCallers('pages');
  const defender = await createConnection(null, { kind: 'defender', name: 'Pages tenant', cloud: 'custom', tenantId: 't', clientId: 'c', clientSecret: 's', apiBaseUrl: 'https://mde.authz.invalid', authorityHost: 'https://login.authz.invalid' });
  const smtp = await createConnection(null, { kind: 'smtp', name: 'Pages mail', host: '127.0.0.1', port: 25, from: 'r@authz.test' });
  const flow = await createFlow(null, { name: 'Pages flow', graph: buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@authz.test' }) });
  fx = { flowId: flow.id, unknownId: () => randomUUID() };
  for (const pf of pageFiles()) {
    const mod = (await import(pf.file)) as { default?: PageComponent };
    if (typeof mod.default !== 'function') throw new Error(`${pf.file} has no default export`);
    pages.push({ ...pf, render: mod.default });
  }
}, 120_000);

afterAll(async () => {
  await db().$disconnect();
});

/** What calling the page did: a redirect, a 404, a rendered element, or an error. */
async function visit(p: FoundPage, sessionToken: string | undefined, params: Record<string, string>): Promise<string> {
  actAs(sessionToken);
  try {
    await p.render({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
    return 'rendered';
  } catch (e) {
    if (e instanceof Redirected) return `redirect ${e.url}`;
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not found';
    return `error ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`;
  }
}

/** The permissions the page's source passes to requirePage. */
function requiredInSource(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/requirePage\(\s*'([\w:]+)'\s*\)/g)].map((m) => m[1]!);
}

describe('the expected-access table covers every page', () => {
  it('has an entry for every app/**/page.tsx and none for pages that no longer exist', () => {
    expect(pages.length).toBeGreaterThan(15);
    const problems = [
      ...pages.filter((p) => !(p.urlPath in PAGES)).map((p) => `page "${p.urlPath}" (${path.relative(ROOT, p.file)}) has no entry in PAGES (tests/authz/expected-access.ts)`),
      ...Object.keys(PAGES).filter((k) => !pages.some((p) => p.urlPath === k)).map((k) => `PAGES has "${k}" but no such page exists`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('pages', () => {
  it('ask requirePage for exactly the permission in the table (public pages ask for none)', () => {
    const failures: string[] = [];
    for (const p of pages) {
      const rule = PAGES[p.urlPath];
      if (!rule) continue; // reported by the coverage test
      const asked = requiredInSource(p.file);
      const want = rule.kind === 'permission' ? [rule.permission] : [];
      if (asked.join() !== want.join()) failures.push(`${p.urlPath}: requirePage(${asked.join(', ') || 'none'}), table says ${want.join() || 'public'}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('send anonymous to /login, a role without the permission to /forbidden, and let the others in', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const p of pages) {
      const rule = PAGES[p.urlPath];
      if (!rule) continue;
      const given = rule.kind === 'permission' ? (rule.params?.(fx) ?? {}) : {};
      const params = Object.fromEntries(p.params.map((name) => [name, given[name] ?? fx.unknownId()]));
      if (rule.kind === 'public') {
        const got = await visit(p, undefined, params);
        if (got === 'redirect /login' && p.urlPath !== '/setup') failures.push(`${p.urlPath} as anonymous → ${got} (public page sent to sign-in)`);
        if (got.startsWith('error') || got === 'redirect /forbidden') failures.push(`${p.urlPath} as anonymous → ${got}`);
        checked++;
        continue;
      }
      const anonymous = await visit(p, undefined, params);
      if (anonymous !== 'redirect /login') failures.push(`${p.urlPath} as anonymous → ${anonymous} (expected redirect /login)`);
      checked++;
      for (const role of ROLES) {
        const got = await visit(p, callers[role].sessionToken, params);
        checked++;
        if (!can(role, rule.permission)) {
          if (got !== 'redirect /forbidden') failures.push(`${p.urlPath} as ${role} → ${got} (expected redirect /forbidden: needs ${rule.permission})`);
        } else if (got !== 'rendered' && got !== 'not found') failures.push(`${p.urlPath} as ${role} → ${got} (expected to be let in)`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});
