// "Test connection": for Defender, get an MDE token and a Microsoft Graph token, read their
// roles and list one alert; for SMTP,
// verify the server; for a webhook, check the outbound guard allows its host (nothing is
// posted); for HTTP credentials, fetch an OAuth token (basic and bearer have nothing to try
// without a request). The result is stored on the connection (page, publish checker) and
// compared with what the flows using the connection need.
import nodemailer from 'nodemailer';
import { db } from '../db/client';
import { createMdeClient } from '../defender/mde-client';
import { graphEndpointOf, mdeEndpointOf } from '../defender/connection';
import { getAccessToken } from '../defender/token-provider';
import { rolesOfAccessToken } from '../defender/token-roles';
import { grantAdvice, hasPermission, NO_ROLES, neededPermissions, permissionKey, type GrantedRoles, type PermissionApi } from '@/core/defender/permissions';
import { flowsUsingConnection, loadDefenderConnection, loadSmtpConnection, loadWebhookConnection, recordConnectionTest } from './connections';
import { checkDestination } from '../net/outbound';
import { authFor } from '../net/http-auth';
import { notFound } from './errors';
import { audit } from './audit';
import type { Principal } from '../auth/roles';
import { smtpTransportOptions } from '../mail/mailer';

export interface PermissionCheck {
  /** The API whose token must carry it: the MDE API or Microsoft Graph. */
  api: PermissionApi;
  permission: string;
  /** Other roles the API accepts instead (any one is enough). */
  orAnyOf?: readonly string[];
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
  /** Defender: application roles each token carries (empty when no token was issued). */
  grantedRoles?: GrantedRoles;
  /** Defender: what the flows using this connection need, and whether the token has it. */
  permissions?: PermissionCheck[];
}

async function permissionChecks(id: string, granted: GrantedRoles): Promise<PermissionCheck[]> {
  const flows = await flowsUsingConnection(id);
  const all = neededPermissions(flows.flatMap((f) => f.graphs), id);
  return all.map((p) => {
    const ok = hasPermission(p, granted);
    return {
      api: p.api,
      permission: p.role,
      ...(p.orAnyOf ? { orAnyOf: p.orAnyOf } : {}),
      granted: ok,
      ...(ok ? {} : { fix: grantAdvice(p) }),
      flows: flows.filter((f) => neededPermissions(f.graphs, id).some((n) => permissionKey(n) === permissionKey(p))).map((f) => f.name),
    };
  });
}

/**
 * The roles of the connection's Graph token. Entra issues it with the same credentials (an app
 * without Graph permissions gets a token without roles); a failure here must not hide that the
 * MDE side works, so it is reported beside the result.
 */
async function graphRoles(conn: Parameters<typeof graphEndpointOf>[0]): Promise<{ roles: string[]; error?: string }> {
  try {
    return { roles: rolesOfAccessToken(await getAccessToken(conn, { scope: graphEndpointOf(conn).scope, forceRefresh: true })) };
  } catch (e) {
    return { roles: [], error: (e as Error).message };
  }
}

/** A successful test of a connection without roles, recorded. */
async function tested(id: string, testedAt: Date, message: string): Promise<ConnectionTestResult> {
  await recordConnectionTest(id, { ok: true }, testedAt);
  return { ok: true, message, testedAt: testedAt.toISOString() };
}

/** Tests the connection and records who tested it, from where, and the outcome (audit log). */
export async function testConnection(id: string, actor: Principal | null = null): Promise<ConnectionTestResult> {
  const result = await runConnectionTest(id);
  await audit(actor, 'connection.test', { type: 'connection', id }, { ok: result.ok });
  return result;
}

async function runConnectionTest(id: string): Promise<ConnectionTestResult> {
  const row = await db().connection.findUnique({ where: { id }, select: { kind: true } }).catch(() => null);
  if (!row) throw notFound(`Connection ${id}`);
  const testedAt = new Date();
  if (row.kind === 'defender') {
    let grantedRoles: GrantedRoles = NO_ROLES;
    try {
      const conn = await loadDefenderConnection(id);
      // The same token (MSAL caches it) then serves the alert call below.
      const mde = rolesOfAccessToken(await getAccessToken(conn, { scope: mdeEndpointOf(conn).scope, forceRefresh: true }));
      const graph = await graphRoles(conn);
      grantedRoles = { mde, graph: graph.roles };
      await createMdeClient(conn).testConnection();
      await recordConnectionTest(id, { ok: true, grantedRoles }, testedAt);
      const permissions = await permissionChecks(id, grantedRoles);
      const missing = permissions.filter((p) => !p.granted).length;
      let message = missing === 0 ? 'Connection works' : `Connection works, but the tokens lack ${missing} permission${missing === 1 ? '' : 's'} the flows need`;
      if (graph.error) message += ` (no Microsoft Graph token: ${graph.error})`;
      return { ok: true, message, testedAt: testedAt.toISOString(), grantedRoles, permissions };
    } catch (e) {
      const message = (e as Error).message;
      // Roles are kept when the token worked but the API refused (e.g. 403 on alerts).
      await recordConnectionTest(id, { ok: false, error: message, grantedRoles }, testedAt);
      return { ok: false, message, testedAt: testedAt.toISOString(), grantedRoles, permissions: await permissionChecks(id, grantedRoles) };
    }
  }
  try {
    if (row.kind === 'webhook') {
      const c = await loadWebhookConnection(id);
      await checkDestination(new URL(c.url), `Webhook "${c.name}"`);
      return await tested(id, testedAt, `${c.host} is allowed by the outbound policy (no message was posted)`);
    }
    if (row.kind === 'http') {
      const auth = await authFor(id);
      return await tested(id, testedAt, auth.authorization.startsWith('Bearer') ? 'Credentials are ready (an OAuth token is fetched when the connection uses one)' : 'Credentials are ready');
    }
    const c = await loadSmtpConnection(id);
    const t = nodemailer.createTransport(smtpTransportOptions(c));
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
