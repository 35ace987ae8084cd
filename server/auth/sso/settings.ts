// SSO settings: one row (id 1). The client secret is sealed (AES-256-GCM, server/crypto/secrets)
// and only ever leaves this module decrypted for MSAL, never towards the browser.
import { z } from 'zod';
import { db, type Prisma } from '../../db/client';
import { openJson, sealJson } from '../../crypto/secrets';
import { audit } from '../../services/audit';
import { badRequest, fromZodIssues } from '../../services/errors';
import type { Principal, Role } from '../roles';
import { SSO_CLOUDS, type SsoCloud } from './clouds';
import { ZAuthorityHost, ZMappingRules, ZSsoSettingsInput, type MappingRule } from './settings-schema';

const ROW_ID = 1;

/** What the settings page may see: everything except the secret, which is only "set" or not. */
export interface SsoSettingsView {
  enabled: boolean;
  cloud: SsoCloud;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  secretSet: boolean;
  rules: MappingRule[];
  /** null: users matching no rule are refused. */
  defaultRole: Role | null;
  autoCreate: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** What the sign-in flow needs: complete settings with the secret opened. */
export interface SsoConfig {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  rules: MappingRule[];
  defaultRole: Role | null;
  autoCreate: boolean;
}

type Row = Prisma.SsoSettingsGetPayload<object>;

const DEFAULTS: SsoSettingsView = {
  enabled: false,
  cloud: 'global',
  authorityHost: SSO_CLOUDS.global.authorityHost,
  tenantId: '',
  clientId: '',
  secretSet: false,
  rules: [],
  defaultRole: null,
  autoCreate: true,
  updatedAt: null,
  updatedBy: null,
};

function cloudOf(value: string): SsoCloud {
  return value in SSO_CLOUDS ? (value as SsoCloud) : 'custom';
}

// Rules were validated when stored; a row edited by hand must not break the page.
function rulesOf(value: Prisma.JsonValue): MappingRule[] {
  const parsed = ZMappingRules.safeParse(value);
  return parsed.success ? parsed.data : [];
}

function toView(row: Row | null): SsoSettingsView {
  if (!row) return DEFAULTS;
  return {
    enabled: row.enabled,
    cloud: cloudOf(row.cloud),
    authorityHost: row.authorityHost,
    tenantId: row.tenantId,
    clientId: row.clientId,
    secretSet: row.secretSealed !== null,
    rules: rulesOf(row.rules),
    defaultRole: row.defaultRole,
    autoCreate: row.autoCreate,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export async function loadSsoSettings(): Promise<SsoSettingsView> {
  return toView(await db().ssoSettings.findUnique({ where: { id: ROW_ID } }));
}

export async function ssoEnabled(): Promise<boolean> {
  return (await loadSsoSettings()).enabled;
}

const ZSealedSecret = z.object({ clientSecret: z.string().min(1) });

/** The settings the sign-in flow uses, or null when SSO is off. */
export async function loadSsoConfig(): Promise<SsoConfig | null> {
  const row = await db().ssoSettings.findUnique({ where: { id: ROW_ID } });
  if (!row?.enabled || !row.secretSealed) return null;
  const { clientSecret } = ZSealedSecret.parse(openJson(row.secretSealed));
  return {
    authorityHost: row.authorityHost,
    tenantId: row.tenantId,
    clientId: row.clientId,
    clientSecret,
    rules: rulesOf(row.rules),
    defaultRole: row.defaultRole,
    autoCreate: row.autoCreate,
  };
}

function duplicateRule(rules: MappingRule[]): MappingRule | undefined {
  const seen = new Set<string>();
  for (const r of rules) {
    const key = `${r.kind}:${r.kind === 'group' ? r.value.toLowerCase() : r.value}`;
    if (seen.has(key)) return r;
    seen.add(key);
  }
  return undefined;
}

export async function updateSsoSettings(principal: Principal, input: unknown): Promise<SsoSettingsView> {
  const parsed = ZSsoSettingsInput.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const data = parsed.data;

  let authorityHost: string = SSO_CLOUDS[data.cloud].authorityHost;
  if (data.cloud === 'custom') {
    const host = ZAuthorityHost.safeParse(data.authorityHost ?? '');
    if (!host.success) throw fromZodIssues(host.error.issues.map((i) => ({ ...i, path: ['authorityHost'] })));
    authorityHost = host.data;
  }
  const dup = duplicateRule(data.rules);
  if (dup) throw badRequest(`rules: ${dup.kind === 'group' ? 'group' : 'app role'} ${dup.value} is mapped twice`);

  const current = await db().ssoSettings.findUnique({ where: { id: ROW_ID } });
  const secretChange = data.clientSecret === undefined ? 'kept' : data.clientSecret === null ? 'cleared' : 'replaced';
  const secretSealed =
    secretChange === 'kept' ? (current?.secretSealed ?? null) : data.clientSecret ? sealJson({ clientSecret: data.clientSecret }) : null;
  const defaultRole: Role | null = data.defaultRole === 'refuse' ? null : data.defaultRole;

  if (data.enabled) {
    const missing = [
      !data.tenantId && 'the tenant id',
      !data.clientId && 'the client id',
      !secretSealed && 'a client secret',
    ].filter(Boolean);
    if (missing.length > 0) throw badRequest(`To switch single sign-on on, enter ${missing.join(', ')}.`);
    if (data.rules.length === 0 && defaultRole === null) {
      throw badRequest('To switch single sign-on on, map at least one group or app role to a role (or let unmatched users in with a default role).');
    }
  }

  const values = {
    enabled: data.enabled,
    cloud: data.cloud,
    authorityHost,
    tenantId: data.tenantId.toLowerCase(),
    clientId: data.clientId.toLowerCase(),
    secretSealed,
    rules: data.rules,
    defaultRole,
    autoCreate: data.autoCreate,
    updatedBy: principal.email,
  };
  const before = toView(current);
  const row = await db().ssoSettings.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...values }, update: values });
  const after = toView(row);
  const changed: string[] = (['enabled', 'cloud', 'authorityHost', 'tenantId', 'clientId', 'defaultRole', 'autoCreate'] as const).filter(
    (k) => before[k] !== after[k],
  );
  if (JSON.stringify(before.rules) !== JSON.stringify(after.rules)) changed.push('rules');
  if (secretChange !== 'kept') changed.push('clientSecret');
  // The secret itself never goes into the audit log: only whether it was replaced or cleared.
  await audit(principal, 'settings.sso.update', { type: 'settings', id: 'sso' }, {
    changed,
    enabled: after.enabled,
    cloud: after.cloud,
    authorityHost: after.authorityHost,
    tenantId: after.tenantId,
    clientId: after.clientId,
    rules: after.rules,
    defaultRole: after.defaultRole ?? 'refuse',
    autoCreate: after.autoCreate,
    clientSecret: secretChange,
  });
  return after;
}
