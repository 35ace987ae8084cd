// The CLI as an operator runs it: `bin/riposte.mjs` in a child process against the test database.
// Export → import leaves flows identical; import is idempotent; create-admin and create-token
// follow their rules and write audit entries with actor "cli".
import './setup-env';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createConnection } from '@/server/services/connections';
import { createFlow, getFlow, publishFlow, updateDraft } from '@/server/services/flows';
import { buildEdge, buildGraph, buildNode, buildSeedFlowGraph } from '@/core/testing/builders';
import { authenticate } from '@/server/auth/sessions';
import { ROOT } from '../authz/enumerate';
import { resetDatabase } from './harness';

const run = promisify(execFile);

async function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(process.execPath, [path.join(ROOT, 'bin/riposte.mjs'), ...args], {
    cwd: tmpdir(),
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL as string, ...opts.env },
    timeout: 60_000,
  });
  if (opts.stdin !== undefined) child.child.stdin?.end(opts.stdin);
  else child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout, stderr: err.stderr };
  }
}

/** What "identical" means for a flow: id, name, description and draft graph. */
async function snapshot() {
  const rows = await db().flow.findMany({ orderBy: { name: 'asc' }, select: { id: true } });
  return Promise.all(rows.map(async ({ id }) => {
    const f = await getFlow(id);
    return { id: f.id, name: f.name, description: f.description, graph: f.graph };
  }));
}

beforeAll(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await db().$disconnect();
});

describe('riposte export / import', () => {
  it('round-trips every flow through a folder unchanged, and re-importing changes nothing', { timeout: 180_000 }, async () => {
    const defender = await createConnection(null, { kind: 'defender', name: 'CLI tenant', cloud: 'custom', tenantId: 't', clientId: 'c', clientSecret: 's', apiBaseUrl: 'https://mde.cli.invalid', authorityHost: 'https://login.cli.invalid' });
    const smtp = await createConnection(null, { kind: 'smtp', name: 'CLI mail', host: '127.0.0.1', port: 25, from: 'r@cli.test' });
    const graph = buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@cli.test' });
    const published = await createFlow(null, { name: 'Isolate high severity', description: 'Published, then edited', graph });
    await publishFlow(null, published.id);
    await updateDraft(null, published.id, { baseVersion: published.draftVersion, graph: { ...graph, nodes: graph.nodes.slice(0, -1), edges: graph.edges.slice(0, -1) } });
    await createFlow(null, { name: 'Draft only — ünïcode', graph });
    const before = await snapshot();

    const folder = mkdtempSync(path.join(tmpdir(), 'riposte-cli-export-'));
    const exported = await cli(['export', folder]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['draft-only-unicode.json', 'isolate-high-severity.json']);
    const file = JSON.parse(readFileSync(path.join(folder, 'isolate-high-severity.json'), 'utf8')) as { published: { version: number }; draft: { version: number } };
    expect(file.published.version).toBe(1);
    expect(file.draft.version).toBe(2);
    // Sorted keys: the same flow always serialises to the same bytes.
    const text = readFileSync(path.join(folder, 'isolate-high-severity.json'), 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['description', 'draft', 'enabled', 'format', 'id', 'name', 'published']);

    // Into an empty installation: the same flows come back with the same ids.
    await resetDatabase();
    const imported = await cli(['import', folder]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('2 created, 0 updated');
    expect(await snapshot()).toEqual(before);
    const audits = await db().auditEvent.findMany({ where: { action: 'flow.import' } });
    expect(audits.map((a) => [a.actorEmail, a.actorId])).toEqual([['cli', null], ['cli', null]]);

    // Again: idempotent, no new draft versions.
    const versions = (await db().flow.findMany({ select: { draftVersion: true }, orderBy: { name: 'asc' } })).map((f) => f.draftVersion);
    const again = await cli(['import', folder]);
    expect(again.stdout).toContain('0 created, 0 updated (new draft version), 2 unchanged');
    expect((await db().flow.findMany({ select: { draftVersion: true }, orderBy: { name: 'asc' } })).map((f) => f.draftVersion)).toEqual(versions);

    // An edited file: a new draft version of that flow only; a re-export writes the same bytes back.
    const edited = JSON.parse(text) as { description: string };
    edited.description = 'Changed in Git';
    writeFileSync(path.join(folder, 'isolate-high-severity.json'), JSON.stringify(edited));
    const changed = await cli(['import', folder]);
    expect(changed.stdout).toContain('0 created, 1 updated (new draft version), 1 unchanged');
    const flow = await getFlow(published.id);
    expect(flow.description).toBe('Changed in Git');
    expect(flow.draftVersion).toBe(versions[1] as number + 1);
  });

  it('redacts connection secrets and secret-looking values typed into steps, keeping token references', { timeout: 60_000 }, async () => {
    await resetDatabase();
    // A secret a connection holds, pasted into a step as text: only the by-value net (the known
    // secrets this fresh CLI process loads from the connections) can recognise it.
    const pasted = `S3CRET-cli-bearer-${Date.now()}`;
    const soar = await createConnection(null, { kind: 'http', name: 'CLI SOAR', authType: 'bearer', token: pasted });
    const trigger = buildNode('trigger', 'defender.alertCreated', {});
    const call = buildNode('soar', 'http.request', {
      connectionId: soar.id,
      method: 'POST',
      url: 'https://soar.cli.invalid/hook?sig=S3CRETsigInTheUrl0123&alert={{ trigger.id }}',
      headers: 'X-Api-Key: S3CRETheaderValue4567\nX-Alert: {{ trigger.id }}\nAuthorization: {{ vars.value.key }}',
      bodyType: 'text',
      body: `ticket for {{ trigger.id }}, key ${pasted}`,
    });
    // A draft (a flow with pasted secrets would not pass the publish checks anyway).
    await createFlow(null, { name: 'Pasted secrets', graph: buildGraph([trigger, call], [buildEdge('trigger', 'soar')]) });

    const folder = mkdtempSync(path.join(tmpdir(), 'riposte-cli-redact-'));
    const exported = await cli(['export', folder]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const text = readFileSync(path.join(folder, 'pasted-secrets.json'), 'utf8');
    for (const secret of [pasted, 'S3CRETsigInTheUrl0123', 'S3CRETheaderValue4567']) expect(text).not.toContain(secret);
    const file = JSON.parse(text) as { draft: { graph: { nodes: { id: string; params: Record<string, string> }[] } } };
    const params = file.draft.graph.nodes.find((n) => n.id === 'soar')!.params;
    expect(params.url).toBe('https://soar.cli.invalid/hook?sig=[redacted]&alert={{ trigger.id }}');
    expect(params.headers).toBe('X-Api-Key: [redacted]\nX-Alert: {{ trigger.id }}\nAuthorization: {{ vars.value.key }}');
    expect(params.body).toBe('ticket for {{ trigger.id }}, key [redacted]');
    expect(params.connectionId).toBe(soar.id);
  });

  it('refuses a broken file before changing anything, naming it', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'riposte-cli-bad-'));
    writeFileSync(path.join(folder, 'bad.json'), JSON.stringify({ format: 'riposte.flow/v1', id: 'not-a-uuid', name: 'x', draft: { graph: {} } }));
    const flowsBefore = await db().flow.count();
    const result = await cli(['import', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^riposte: bad\.json: .*id/);
    expect(await db().flow.count()).toBe(flowsBefore);
  });
});

describe('riposte create-admin / create-token', () => {
  it('creates the first admin, refuses a second without --force-another, and issues a working token once', { timeout: 180_000 }, async () => {
    await resetDatabase();
    const first = await cli(['create-admin', '--email', 'Ops@CLI.test', '--name', 'Ops', '--password-stdin'], { stdin: 'a-long-enough-password\n' });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Created administrator ops@cli\.test/);
    const admin = await db().user.findUniqueOrThrow({ where: { email: 'ops@cli.test' } });
    expect(admin.role).toBe('admin');
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: 'user.create' } })).actorEmail).toBe('cli');

    const second = await cli(['create-admin', '--email', 'two@cli.test'], { env: { RIPOSTE_ADMIN_PASSWORD: 'another-long-password' } });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('--force-another');
    const forced = await cli(['create-admin', '--email', 'two@cli.test', '--force-another'], { env: { RIPOSTE_ADMIN_PASSWORD: 'another-long-password' } });
    expect(forced.code).toBe(0);
    expect(await db().user.count({ where: { role: 'admin' } })).toBe(2);

    const short = await cli(['create-admin', '--email', 'three@cli.test', '--force-another', '--password-stdin'], { stdin: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');

    const token = await cli(['create-token', '--email', 'ops@cli.test', '--name', 'CI pipeline', '--role', 'editor', '--expires-days', '90']);
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^\S{20,}$/);
    expect(token.stderr).toContain('shown only now');
    const principal = await authenticate({ authorization: `Bearer ${secret}` });
    expect(principal).toMatchObject({ email: 'ops@cli.test', role: 'editor', via: 'token' });
    const created = await db().auditEvent.findFirstOrThrow({ where: { action: 'token.create' } });
    expect(created.actorEmail).toBe('cli');
    expect(JSON.stringify(created.details)).not.toContain(secret);

    const unknown = await cli(['create-token', '--email', 'nobody@cli.test', '--name', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user has the email nobody@cli.test');
  });
});

describe('riposte publish / enable / disable', () => {
  it('acts on the flow with that exact name, and refuses unknown or ambiguous names', { timeout: 180_000 }, async () => {
    await resetDatabase();
    const defender = await createConnection(null, { kind: 'defender', name: 'CLI tenant', cloud: 'custom', tenantId: 't', clientId: 'c', clientSecret: 's', apiBaseUrl: 'https://mde.cli.invalid', authorityHost: 'https://login.cli.invalid' });
    const smtp = await createConnection(null, { kind: 'smtp', name: 'CLI mail', host: '127.0.0.1', port: 25, from: 'r@cli.test' });
    const graph = buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: smtp.id, socEmail: 'soc@cli.test' });
    const flow = await createFlow(null, { name: 'Lifecycle flow', graph });
    await createFlow(null, { name: 'Twin', graph });
    await createFlow(null, { name: 'Twin', graph });

    const published = await cli(['publish', 'Lifecycle flow']);
    expect(published.stderr).toBe('');
    expect(published.stdout).toContain('Published "Lifecycle flow" as version 1');
    expect((await getFlow(flow.id)).publishedVersion).toBe(1);

    expect((await cli(['enable', 'Lifecycle flow'])).stdout).toContain('is now on');
    expect((await getFlow(flow.id)).enabled).toBe(true);
    expect((await cli(['disable', 'Lifecycle flow'])).stdout).toContain('is now off');
    expect((await getFlow(flow.id)).enabled).toBe(false);
    const actions = (await db().auditEvent.findMany({ where: { targetId: flow.id, actorEmail: 'cli' }, orderBy: { at: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['flow.publish', 'flow.enable', 'flow.disable']);

    const twin = await cli(['publish', 'Twin']);
    expect(twin.code).toBe(1);
    expect(twin.stderr).toContain('2 flows are named "Twin"');
    const unknown = await cli(['enable', 'lifecycle flow']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No flow is named "lifecycle flow"');
  });
});
