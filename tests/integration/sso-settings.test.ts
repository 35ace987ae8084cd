// SSO settings on the real database: the client secret is write-only (kept, replaced, cleared;
// sealed at rest; never in the page's view or the audit log), and switching SSO on needs a
// complete registration and at least one way in.
import './setup-env';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { loadSsoConfig, loadSsoSettings, updateSsoSettings } from '@/server/auth/sso/settings';
import type { Principal } from '@/server/auth/roles';
import { toFormView } from '@/app/(app)/settings/sso/view';
import { resetDatabase } from './harness';

const SECRET = 'Xy8Q~very-secret-client-value-4242';
let admin: Principal;
const base = {
  enabled: true,
  cloud: 'global',
  tenantId: '11111111-2222-4333-8444-555555555555',
  clientId: '66666666-7777-4888-8999-000000000000',
  rules: [{ kind: 'group', value: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', role: 'editor' }],
  defaultRole: 'refuse',
  autoCreate: true,
};

beforeAll(async () => {
  await resetDatabase();
  const user = await db().user.create({ data: { email: 'admin@test.local', passwordHash: 'x', role: 'admin' } });
  admin = { userId: user.id, email: user.email, role: 'admin', via: 'session', ip: '198.51.100.1', userAgent: 'vitest' };
});

beforeEach(async () => {
  await db().ssoSettings.deleteMany();
  // Audit entries are append-only (a trigger refuses DELETE); TRUNCATE is the reset.
  await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
});

afterAll(async () => {
  await db().ssoSettings.deleteMany();
  await db().$disconnect();
});

describe('client secret', () => {
  it('is sealed at rest and only "set" in the view and the audit log', async () => {
    const saved = await updateSsoSettings(admin, { ...base, clientSecret: SECRET });
    expect(saved.secretSet).toBe(true);
    const row = await db().ssoSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.secretSealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(toFormView(await loadSsoSettings()))).not.toContain(SECRET);
    expect(JSON.stringify(await loadSsoSettings())).not.toContain('v1.');
    const audits = await db().auditEvent.findMany();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'settings.sso.update', actorEmail: admin.email, ip: '198.51.100.1' });
    expect(audits[0]!.details).toMatchObject({ clientSecret: 'replaced', enabled: true });
    expect(JSON.stringify(audits)).not.toContain(SECRET);
    expect((await loadSsoConfig())?.clientSecret).toBe(SECRET);
  });

  it('is kept when left out, replaced when sent, and cleared with null', async () => {
    await updateSsoSettings(admin, { ...base, clientSecret: SECRET });
    await updateSsoSettings(admin, { ...base, autoCreate: false });
    expect((await loadSsoConfig())?.clientSecret).toBe(SECRET);
    await updateSsoSettings(admin, { ...base, clientSecret: 'second-secret-value' });
    expect((await loadSsoConfig())?.clientSecret).toBe('second-secret-value');
    await updateSsoSettings(admin, { ...base, enabled: false, clientSecret: null });
    expect((await loadSsoSettings()).secretSet).toBe(false);
    const kinds = (await db().auditEvent.findMany({ orderBy: { at: 'asc' } })).map((a) => (a.details as { clientSecret: string }).clientSecret);
    expect(kinds).toEqual(['replaced', 'kept', 'replaced', 'cleared']);
  });

  it('cannot be cleared while SSO stays on', async () => {
    await updateSsoSettings(admin, { ...base, clientSecret: SECRET });
    await expect(updateSsoSettings(admin, { ...base, clientSecret: null })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('client secret') });
    expect((await loadSsoConfig())?.clientSecret).toBe(SECRET);
  });
});

describe('validation', () => {
  it('needs tenant, client, secret and a way in before switching on', async () => {
    await expect(updateSsoSettings(admin, { ...base, tenantId: '' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('tenant id') });
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, rules: [] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('map at least one group or app role'),
    });
    const saved = await updateSsoSettings(admin, { ...base, clientSecret: SECRET, rules: [], defaultRole: 'viewer' });
    expect(saved.defaultRole).toBe('viewer');
  });

  it('keeps a custom authority to an https host and takes a preset cloud\'s host from the preset', async () => {
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, cloud: 'custom', authorityHost: 'http://login.example.net' })).rejects.toMatchObject({ status: 400 });
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, cloud: 'custom', authorityHost: 'https://login.example.net/tenant' })).rejects.toMatchObject({ status: 400 });
    const custom = await updateSsoSettings(admin, { ...base, clientSecret: SECRET, cloud: 'custom', authorityHost: 'https://login.example.net:8443/' });
    expect(custom.authorityHost).toBe('https://login.example.net:8443');
    const gov = await updateSsoSettings(admin, { ...base, cloud: 'us-gov', authorityHost: 'https://evil.example' });
    expect(gov.authorityHost).toBe('https://login.microsoftonline.us');
  });

  it('refuses malformed rules, a rule mapped twice and an admin default, with a message', async () => {
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, rules: [{ kind: 'group', value: 'Editors', role: 'editor' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('object id'),
    });
    const rule = base.rules[0]!;
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, rules: [rule, { ...rule, value: rule.value.toUpperCase(), role: 'admin' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('mapped twice'),
    });
    await expect(updateSsoSettings(admin, { ...base, clientSecret: SECRET, defaultRole: 'admin' })).rejects.toMatchObject({ status: 400 });
    await expect(updateSsoSettings(admin, { ...base, extra: 1 })).rejects.toMatchObject({ status: 400 });
    expect(await db().ssoSettings.count()).toBe(0);
  });
});
