// "Test connection": for Defender, get a token, read its roles and list one alert; for SMTP,
// verify the server. The result is stored on the connection (page, publish checker) and
// compared with what the flows using the connection need.
import nodemailer from 'nodemailer';
import { db } from '../db/client';
import { createMdeClient } from '../defender/mde-client';
import { mdeEndpointOf } from '../defender/connection';
import { getAccessToken } from '../defender/token-provider';
import { rolesOfAccessToken } from '../defender/token-roles';
import { grantAdvice, neededPermissions, permissionGranted } from '@/core/defender/permissions';
import { flowsUsingConnection, loadDefenderConnection, loadSmtpConnection, recordConnectionTest } from './connections';
import { notFound } from './errors';

export interface PermissionCheck {
  permission: string;
  granted: boolean;
  /** How to fix it, when missing. */
  fix?: string;
  /** Names of the flows whose steps need it. */
  flows: string[];
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  testedAt: string;
  /** Defender: application roles the token carries (empty when no token was issued). */
  grantedRoles?: string[];
  /** Defender: what the flows using this connection need, and whether the token has it. */
  permissions?: PermissionCheck[];
}

async function permissionChecks(id: string, granted: string[]): Promise<PermissionCheck[]> {
  const flows = await flowsUsingConnection(id);
  const all = neededPermissions(flows.flatMap((f) => f.graphs), id);
  return all.map((permission) => {
    const ok = permissionGranted(permission, granted);
    return {
      permission,
      granted: ok,
      ...(ok ? {} : { fix: grantAdvice(permission) }),
      flows: flows.filter((f) => neededPermissions(f.graphs, id).includes(permission)).map((f) => f.name),
    };
  });
}

export async function testConnection(id: string): Promise<ConnectionTestResult> {
  const row = await db().connection.findUnique({ where: { id }, select: { kind: true } }).catch(() => null);
  if (!row) throw notFound(`Connection ${id}`);
  const testedAt = new Date();
  if (row.kind === 'defender') {
    let grantedRoles: string[] = [];
    try {
      const conn = await loadDefenderConnection(id);
      // The same token (MSAL caches it) then serves the alert call below.
      grantedRoles = rolesOfAccessToken(await getAccessToken(conn, { scope: mdeEndpointOf(conn).scope, forceRefresh: true }));
      await createMdeClient(conn).testConnection();
      await recordConnectionTest(id, { ok: true, grantedRoles }, testedAt);
      const permissions = await permissionChecks(id, grantedRoles);
      const missing = permissions.filter((p) => !p.granted).length;
      const message = missing === 0 ? 'Connection works' : `Connection works, but the token lacks ${missing} permission${missing === 1 ? '' : 's'} the flows need`;
      return { ok: true, message, testedAt: testedAt.toISOString(), grantedRoles, permissions };
    } catch (e) {
      const message = (e as Error).message;
      // Roles are kept when the token worked but the API refused (e.g. 403 on alerts).
      await recordConnectionTest(id, { ok: false, error: message, grantedRoles }, testedAt);
      return { ok: false, message, testedAt: testedAt.toISOString(), grantedRoles, permissions: await permissionChecks(id, grantedRoles) };
    }
  }
  try {
    const c = await loadSmtpConnection(id);
    const t = nodemailer.createTransport({ host: c.host, port: c.port, secure: c.secure, auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined });
    try {
      await t.verify();
    } finally {
      t.close();
    }
    await recordConnectionTest(id, { ok: true }, testedAt);
    return { ok: true, message: 'Connection works', testedAt: testedAt.toISOString() };
  } catch (e) {
    const message = (e as Error).message;
    await recordConnectionTest(id, { ok: false, error: message }, testedAt);
    return { ok: false, message, testedAt: testedAt.toISOString() };
  }
}
