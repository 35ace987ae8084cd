// Key rotation (issue 7) against real Postgres, the simulator and the SMTP capture: connections
// (and the single sign-on client secret) sealed under one key still open while it is listed in RIPOSTE_SECRET_KEY_PREVIOUS, rotation
// re-encrypts every sealed value in batches (and a second run changes nothing), and afterwards
// the connections test OK and a flow runs with the old key gone. A wrong key fails closed: the
// connection test, the run and the rotation command all name the key ids, never show garbage.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { startHttpCapture, type HttpCapture } from './http-capture';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { createConnection, listConnections } from '@/server/services/connections';
import { testConnection } from '@/server/services/connection-test';
import { setFlowEnabled } from '@/server/services/flows';
import { startManualRun } from '@/server/services/manual-runs';
import { closeWebQueues } from '@/server/queue/web-queues';
import { clearTokenCache } from '@/server/defender/token-provider';
import { rotateSecrets } from '@/server/crypto/rotate';
import { envelopeKeyId, keyId } from '@/server/crypto/secrets';
import { loadSsoConfig, updateSsoSettings } from '@/server/auth/sso/settings';
import type { Principal } from '@/server/auth/roles';

const root = path.resolve(import.meta.dirname, '../..');
const life = useHarness({ seedFlowOn: false });
const originalKey = process.env.RIPOSTE_SECRET_KEY!;
const idOf = (base64: string) => keyId(Buffer.from(base64, 'base64'));
const newKey = () => randomBytes(32).toString('base64');
let capture: HttpCapture;

function useKeys(current: string, previous?: string[]): void {
  process.env.RIPOSTE_SECRET_KEY = current;
  if (previous === undefined) delete process.env.RIPOSTE_SECRET_KEY_PREVIOUS;
  else process.env.RIPOSTE_SECRET_KEY_PREVIOUS = previous.join(',');
  resetEnvCache();
}

/** The key id of every sealed value: the connections' secrets and the SSO client secret. */
async function sealedKeyIds(): Promise<string[]> {
  const rows = await db().connection.findMany({ where: { secret: { not: null } }, select: { secret: true } });
  const sso = await db().ssoSettings.findMany({ where: { secretSealed: { not: null } }, select: { secretSealed: true } });
  return [...rows.map((r) => r.secret!), ...sso.map((r) => r.secretSealed!)].map((v) => envelopeKeyId(v) ?? 'not an envelope');
}

/** Two more sealed connections (webhook URL, SMTP password), so there is more than one batch. */
async function moreConnections() {
  const webhook = await createConnection(null, { kind: 'webhook', name: 'SOC Teams', service: 'teams', url: `${capture.url}/workflows/rotation?sig=rotation-sig-${randomUUID()}` });
  const smtp = await createConnection(null, { kind: 'smtp', name: 'Relay with password', host: '127.0.0.1', port: life.h.smtp.port, username: 'svc', password: `smtp-${randomUUID()}`, from: 'riposte@test.local' });
  const http = await createConnection(null, { kind: 'http', name: 'SOAR', authType: 'bearer', token: `bearer-${randomUUID()}` });
  return { webhook, smtp, http };
}

const admin: Principal = { userId: randomUUID(), email: 'admin@test.local', role: 'admin', via: 'token' };

/** Single sign-on switched on with a client secret: the SsoSettings row's sealed column (the 5th value). */
async function ssoWithSecret(): Promise<string> {
  const clientSecret = `sso-secret-${randomUUID()}`;
  await updateSsoSettings(admin, {
    enabled: true, cloud: 'custom', authorityHost: 'https://login.rotation.invalid', tenantId: randomUUID(), clientId: randomUUID(), clientSecret,
    rules: [{ kind: 'group', value: randomUUID(), role: 'editor' }], defaultRole: 'refuse', autoCreate: false,
  });
  return clientSecret;
}

beforeAll(async () => {
  process.env.RIPOSTE_OUTBOUND_ALLOW = '127.0.0.1';
  resetEnvCache();
  capture = await startHttpCapture();
});
afterEach(async () => {
  useKeys(originalKey);
  clearTokenCache();
  // resetDatabase leaves SsoSettings alone (one row, id 1): remove it so no other test sees SSO on.
  await db().ssoSettings.deleteMany();
});
afterAll(async () => {
  delete process.env.RIPOSTE_OUTBOUND_ALLOW;
  resetEnvCache();
  await capture.close();
  await closeWebQueues();
});

describe('key rotation', () => {
  it('re-encrypts everything under the new key in batches; connections test OK and a flow runs after the old key is removed', async () => {
    const more = await moreConnections();
    const ssoSecret = await ssoWithSecret();
    expect(await sealedKeyIds()).toEqual(Array(5).fill(idOf(originalKey)));

    // Step 1 and 2 of docs/secrets.md: a new current key, the old one moved to PREVIOUS.
    const next = newKey();
    useKeys(next, [newKey(), originalKey]);
    const before = await testConnection(life.h.defenderId);
    expect(before).toMatchObject({ ok: true, message: 'Connection works' });

    // Step 3: rotate (batches of 3 over 4 connections: two transactions; then the SSO row).
    const batches: string[] = [];
    const report = await rotateSecrets(db(), { batchSize: 3, onBatch: (b) => batches.push(`${b.table}.${b.column}:${b.rows}`) });
    expect(report.totals).toEqual({ current: 0, reencrypted: 5, failed: 0 });
    expect(report.failures).toEqual([]);
    expect(report.keyId).toBe(idOf(next));
    expect(batches).toEqual(['Connection.secret:3', 'Connection.secret:1', 'SsoSettings.secretSealed:1']);
    expect(report.columns.find((c) => c.table === 'SsoSettings')).toEqual({ table: 'SsoSettings', column: 'secretSealed', current: 0, reencrypted: 1, failed: 0 });
    expect(await sealedKeyIds()).toEqual(Array(5).fill(idOf(next)));

    // Idempotent: a second run finds everything under the current key.
    const again = await rotateSecrets(db(), { batchSize: 3 });
    expect(again.totals).toEqual({ current: 5, reencrypted: 0, failed: 0 });

    // Step 4: the old key is removed; everything still opens.
    useKeys(next);
    clearTokenCache();
    expect(await testConnection(life.h.defenderId)).toMatchObject({ ok: true, message: 'Connection works' });
    expect(await testConnection(more.smtp.id)).toMatchObject({ ok: true });
    expect(await testConnection(more.webhook.id)).toMatchObject({ ok: true });
    expect(await testConnection(more.http.id)).toMatchObject({ ok: true, message: expect.stringContaining('Credentials are ready') });
    expect((await listConnections()).every((c) => c.secretError === undefined)).toBe(true);
    // Single sign-on still opens its client secret, unchanged, with only the new key.
    expect(await loadSsoConfig()).toMatchObject({ clientSecret: ssoSecret });

    await setFlowEnabled(null, life.h.flowId, true);
    await life.startWorker();
    const alert = await life.h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId: life.h.flowId, alertId: alert.id } });
      return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
    }, 40_000);
    expect(run.status).toBe('succeeded');
    expect(await life.h.calls(`/machines/${alert.machineId}/isolate`, 'POST')).toHaveLength(1);
  });

  it('a wrong key fails closed: the connection test, the run and the rotation name the key ids', async () => {
    const more = await moreConnections();
    await ssoWithSecret();
    const wrong = newKey();
    useKeys(wrong);
    const expected = `Secret was sealed under key ${idOf(originalKey)}, which is neither RIPOSTE_SECRET_KEY (key ${idOf(wrong)}) nor in RIPOSTE_SECRET_KEY_PREVIOUS`;

    // Connection test: the clear error, stored for the page too.
    const tested = await testConnection(life.h.defenderId);
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain(expected);
    expect((await db().connection.findUniqueOrThrow({ where: { id: life.h.defenderId } })).lastTestError).toContain(expected);
    expect((await testConnection(more.webhook.id)).message).toContain(expected);
    // The connections list still renders, saying why the secret cannot be read.
    const listed = await listConnections();
    expect(listed.find((c) => c.id === more.smtp.id)).toMatchObject({ hasSecret: true, secretError: expect.stringContaining(expected) });

    // A run: the step that needs the connection fails at once (permanent, no retries) with the error.
    await life.startWorker();
    const { runId } = await startManualRun(admin, life.h.flowId, { payload: { id: 'da-wrong-key', title: 'Wrong key', severity: 'High' } });
    const run = await eventually(async () => {
      const r = await db().run.findUnique({ where: { id: runId }, include: { steps: true } });
      return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
    }, 30_000);
    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(1);
    expect(run.steps.find((s) => s.nodeId === 'get_alert')).toMatchObject({ status: 'failed', error: { code: 'SecretKeyUnknown', message: expect.stringContaining(expected) } });
    expect(run.error).toMatchObject({ nodeId: 'get_alert', code: 'SecretKeyUnknown' });

    // Rotation with the wrong key changes nothing and names every row it cannot open.
    const report = await rotateSecrets(db());
    expect(report.totals).toEqual({ current: 0, reencrypted: 0, failed: 5 });
    expect(report.failures.filter((f) => f.table === 'Connection').map((f) => f.id).sort()).toEqual([life.h.defenderId, more.webhook.id, more.smtp.id, more.http.id].sort());
    expect(report.failures.filter((f) => f.table === 'SsoSettings').map((f) => `${f.column}:${f.id}`)).toEqual(['secretSealed:1']);
    expect(report.failures.every((f) => f.error.startsWith(expected))).toBe(true);
    expect(await sealedKeyIds()).toEqual(Array(5).fill(idOf(originalKey)));
    // Single sign-on fails closed with the same clear error rather than using a garbled secret.
    await expect(loadSsoConfig()).rejects.toThrow(expected);
  });

  it('npm run secrets:rotate exits 1 naming the rows it cannot open, and 0 once the key is right', async () => {
    await moreConnections();
    await ssoWithSecret();
    const run = (key: string, previous = '') =>
      promisify(execFile)(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/rotate-secret-key.ts'], {
        cwd: root,
        env: { ...process.env, RIPOSTE_SECRET_KEY: key, RIPOSTE_SECRET_KEY_PREVIOUS: previous },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '' }),
      );
    const failed = await run(newKey());
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Total: 0 sealed under the current key, 0 re-encrypted, 5 failed');
    expect(failed.stdout).toContain(`SsoSettings.secretSealed 1`);
    expect(failed.stdout).toContain(`Connection.secret ${life.h.defenderId} ("Sim"): Secret was sealed under key ${idOf(originalKey)}`);

    const next = newKey();
    const rotated = await run(next, originalKey);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('Total: 0 sealed under the current key, 5 re-encrypted, 0 failed');
    expect(await sealedKeyIds()).toEqual(Array(5).fill(idOf(next)));
    const audit = await db().auditEvent.findMany({ where: { action: 'secrets.rotate' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.details)).toMatchObject([{ failed: 5, reencrypted: 0 }, { failed: 0, reencrypted: 5, keyId: idOf(next) }]);
  });
});
