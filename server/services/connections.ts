// Connections (Defender tenants, SMTP servers, webhooks, HTTP credentials). Secrets are sealed at rest and never returned.
import { legacyTlsMode, SMTP_TLS_MODES, tlsModeOf, type SmtpTlsMode } from '@/core/notifications/smtp-tls';
import { z } from 'zod';
import { db, type Connection, type Prisma } from '../db/client';
import { CLOUD_PRESETS, cloudOfConfig, ZDefenderCloud, type DefenderCloud } from '@/core/defender/clouds';
import { ZDraftGraph, type TDraftGraph } from '@/core/flow/schema';
import type { ConnectionRoles } from '@/core/flow/check';
import { NO_ROLES, type GrantedRoles } from '@/core/defender/permissions';
import { openJson, sealJson, SecretKeyError } from '../crypto/secrets';
import { rememberSecrets } from '../secrets/known-secrets';
import { redactText } from '../secrets/redact';
import { audit } from './audit';
import { fromZodIssues, notFound, badRequest, ServiceError } from './errors';
import type { Principal } from '../auth/roles';
import type { ConnectionKind } from '@/core/catalog/types';
import { ZRateLimitOverrides, ZRateLimitWindows, type RateLimitOverrides, type RateLimitWindowsInput } from '../defender/rate-limit/limits';
import { signalConnectionChanged } from '../queue/connection-changes';

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https URL')
  .transform((u) => u.replace(/\/+$/, ''));

/** Optional https URL: blank means "not given" (forms send empty strings). */
const optionalHttpsUrl = z.preprocess((v) => (v === '' || v === null ? undefined : v), httpsUrl.optional());

export const ZDefenderConnectionInput = z.object({
  kind: z.literal('defender'),
  name: z.string().trim().min(1).max(100),
  /** Which Microsoft cloud; a preset fills the three hosts. Absent: custom when any host is given, else commercial. */
  cloud: ZDefenderCloud.optional(),
  tenantId: z.string().trim().min(1).max(100),
  clientId: z.string().trim().min(1).max(100),
  clientSecret: z.string().min(1).max(1000),
  apiBaseUrl: optionalHttpsUrl,
  authorityHost: optionalHttpsUrl,
  /** Graph host for hunting through Graph (sovereign clouds, the simulator). */
  graphBaseUrl: optionalHttpsUrl,
  /** Per API family `{ perMinute, perHour }`; omitted families keep MDE's published limits. */
  rateLimits: ZRateLimitOverrides.optional(),
  /** Window lengths and safety margin in ms (tests scale time with it); default 1 min, 1 h, 1 s. */
  rateLimitWindows: ZRateLimitWindows.optional(),
});

export const ZSmtpConnectionInput = z.object({
  kind: z.literal('smtp'),
  name: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(255),
  port: z.coerce.number().int().min(1).max(65535),
  /** tls: implicit TLS (465); starttls: STARTTLS required (587, 25); none: plain text. Default: legacyTlsMode. */
  tlsMode: z.enum(SMTP_TLS_MODES).optional(),
  /** Deprecated (the old switch), read only when tlsMode is absent: true = tls. Never stored. */
  secure: z.boolean().optional(),
  username: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(255).optional()),
  password: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(1000).optional()),
  from: z.string().trim().min(3).max(320),
});

/**
 * A Teams (Workflows) or Slack incoming webhook, or any https endpoint. The URL is the secret:
 * these URLs embed their keys, so it is sealed and only its host is shown.
 */
export const ZWebhookConnectionInput = z.object({
  kind: z.literal('webhook'),
  name: z.string().trim().min(1).max(100),
  service: z.enum(['teams', 'slack', 'generic']),
  url: z.string().trim().max(2000).url().refine((u) => u.startsWith('https://'), 'must be an https URL'),
});

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(max).optional());

/**
 * Credentials for the HTTP request step, flat so a form can post them as they are: basic
 * (username + password), bearer (token) or OAuth 2.0 client credentials (tokenUrl, clientId,
 * clientSecret, optional scope). Password, token and client secret are sealed.
 */
export const ZHttpConnectionInput = z
  .object({
    kind: z.literal('http'),
    name: z.string().trim().min(1).max(100),
    authType: z.enum(['basic', 'bearer', 'oauth2']),
    username: optionalText(255),
    password: optionalText(1000),
    token: optionalText(8000),
    tokenUrl: optionalText(2000),
    clientId: optionalText(255),
    clientSecret: optionalText(1000),
    scope: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    const need = (key: keyof typeof v, message: string) => {
      if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    if (v.authType === 'basic') {
      need('username', 'Basic authentication needs a username');
      need('password', 'Basic authentication needs a password');
      if (v.username?.includes(':')) ctx.addIssue({ code: 'custom', path: ['username'], message: 'A basic-auth username cannot contain ":"' });
    } else if (v.authType === 'bearer') {
      need('token', 'Bearer authentication needs a token');
    } else {
      need('tokenUrl', 'OAuth 2.0 needs a token URL');
      need('clientId', 'OAuth 2.0 needs a client id');
      need('clientSecret', 'OAuth 2.0 needs a client secret');
      if (v.tokenUrl !== undefined && !/^https:\/\/[^\s]+$/.test(v.tokenUrl)) ctx.addIssue({ code: 'custom', path: ['tokenUrl'], message: 'must be an https URL' });
      else if (v.tokenUrl !== undefined && !URL.canParse(v.tokenUrl)) ctx.addIssue({ code: 'custom', path: ['tokenUrl'], message: 'is not a valid URL' });
    }
  });

export const ZConnectionInput = z.discriminatedUnion('kind', [ZDefenderConnectionInput, ZSmtpConnectionInput, ZWebhookConnectionInput, ZHttpConnectionInput]);

/** The kinds this server accepts; the Connections page offers only these in "New connection". */
export const SUPPORTED_CONNECTION_KINDS: readonly string[] = ZConnectionInput.options.map((o) => o.shape.kind.value);

/**
 * Secret fields per kind. They are sealed together at rest and never leave the server; the UI
 * and the API only learn whether each is set. `required` secrets cannot be cleared.
 */
export const SECRET_FIELDS: Record<string, readonly { name: string; required: boolean }[]> = {
  defender: [{ name: 'clientSecret', required: true }],
  smtp: [{ name: 'password', required: false }],
  // Kinds another branch adds (the page already has their forms); which one an HTTP connection
  // needs depends on its authType, so its schema decides, not this list.
  webhook: [{ name: 'url', required: true }],
  http: [{ name: 'password', required: false }, { name: 'token', required: false }, { name: 'clientSecret', required: false }],
};

export interface DefenderConnectionConfig {
  cloud?: DefenderCloud;
  tenantId: string;
  clientId: string;
  apiBaseUrl: string;
  authorityHost: string;
  /** Absent on connections saved before Graph hunting existed: the client then uses the public Graph. */
  graphBaseUrl?: string;
  rateLimits?: RateLimitOverrides;
  rateLimitWindows?: RateLimitWindowsInput;
}
export interface SmtpConnectionConfig {
  host: string;
  port: number;
  tlsMode: SmtpTlsMode;
  username?: string;
  from: string;
}

/** Public config of a webhook: which service, and the URL's host for display (never path or query). */
export interface WebhookConnectionConfig {
  service: 'teams' | 'slack' | 'generic';
  host: string;
}
/** Public config of HTTP credentials: everything but the password, token and client secret. */
export interface HttpConnectionConfig {
  authType: 'basic' | 'bearer' | 'oauth2';
  username?: string;
  tokenUrl?: string;
  clientId?: string;
  scope?: string;
}
export interface HttpConnectionSecrets {
  password?: string;
  token?: string;
  clientSecret?: string;
}

export interface ConnectionTestSummary {
  at: string;
  ok: boolean;
  error: string | null;
  /**
   * Application roles of the tested tokens (Defender): `mde` of the MDE API token, `graph` of the
   * Microsoft Graph token; empty when no token was issued.
   */
  grantedRoles: { mde: string[]; graph: string[] };
}

/** What the browser and the API may see: never the secret, only whether each one is set. */
export interface PublicConnection {
  id: string;
  kind: Connection['kind'];
  name: string;
  isDemo: boolean;
  config: Record<string, unknown>;
  hasSecret: boolean;
  /** Per secret field: set or not (e.g. `{ clientSecret: true }`). */
  secrets: Record<string, boolean>;
  /** Set when the stored secret cannot be opened (sealed under a key this server lacks). */
  secretError?: string;
  /** Defender only: the cloud preset, or `custom` (also for connections saved before presets). */
  cloud?: DefenderCloud;
  createdAt: string;
  updatedAt: string;
  lastTest: ConnectionTestSummary | null;
}

/**
 * Opens a row's secrets. Every value opened is remembered by the redactor (server/secrets), so
 * whatever this process later logs, records or returns has it replaced. A wrong key throws
 * SecretKeyError (fail closed, naming the key ids).
 */
function openSecrets(row: Pick<Connection, 'secret'>): Record<string, string> {
  if (!row.secret) return {};
  const opened = openJson(row.secret);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(opened as Record<string, unknown>)) if (typeof v === 'string' && v !== '') out[k] = v;
  rememberSecrets(Object.values(out));
  return out;
}

/** Which secret fields are set; when the secret cannot be opened (wrong key) the list still renders. */
function secretPresence(c: Connection): { secrets: Record<string, boolean>; secretError?: string } {
  const fields = SECRET_FIELDS[c.kind] ?? [];
  try {
    const opened = openSecrets(c);
    return { secrets: Object.fromEntries(fields.map((f) => [f.name, f.name in opened])) };
  } catch (e) {
    if (!(e instanceof SecretKeyError)) throw e;
    return { secrets: Object.fromEntries(fields.map((f) => [f.name, f.required])), secretError: e.message };
  }
}

export function toPublicConnection(c: Connection): PublicConnection {
  const { secrets, secretError } = secretPresence(c);
  const config = c.config as Record<string, unknown>;
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    isDemo: c.isDemo,
    config,
    hasSecret: Boolean(c.secret),
    secrets,
    ...(secretError !== undefined ? { secretError } : {}),
    ...(c.kind === 'defender' ? { cloud: cloudOfConfig(config) } : {}),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    lastTest: c.lastTestedAt
      ? { at: c.lastTestedAt.toISOString(), ok: c.lastTestOk === true, error: c.lastTestError, grantedRoles: { mde: c.grantedRoles, graph: c.grantedGraphRoles } }
      : null,
  };
}

export async function listConnections(): Promise<PublicConnection[]> {
  const rows = await db().connection.findMany({ orderBy: { createdAt: 'asc' } });
  return rows.map(toPublicConnection);
}

export async function getConnection(id: string): Promise<PublicConnection> {
  return toPublicConnection(await findRow(id));
}

async function findRow(id: string): Promise<Connection> {
  if (!z.guid().safeParse(id).success) throw notFound(`Connection ${id}`);
  const row = await db().connection.findUnique({ where: { id } });
  if (!row) throw notFound(`Connection ${id}`);
  return row;
}

type DefenderInput = z.infer<typeof ZDefenderConnectionInput>;

/** The stored hosts: a preset's, or the explicit ones (custom; missing ones default to commercial). */
function defenderHosts(data: Pick<DefenderInput, 'cloud' | 'apiBaseUrl' | 'authorityHost' | 'graphBaseUrl'>): Pick<DefenderConnectionConfig, 'cloud' | 'apiBaseUrl' | 'authorityHost' | 'graphBaseUrl'> {
  const explicit = data.apiBaseUrl !== undefined || data.authorityHost !== undefined || data.graphBaseUrl !== undefined;
  const cloud: DefenderCloud = data.cloud ?? (explicit ? 'custom' : 'commercial');
  if (cloud !== 'custom') {
    const p = CLOUD_PRESETS[cloud];
    return { cloud, apiBaseUrl: p.apiBaseUrl, authorityHost: p.authorityHost, graphBaseUrl: p.graphBaseUrl };
  }
  if (data.cloud === 'custom' && (data.apiBaseUrl === undefined || data.authorityHost === undefined)) {
    throw badRequest('Custom hosts need the Defender API URL and the sign-in (authority) URL', [
      ...(data.apiBaseUrl === undefined ? [{ path: 'apiBaseUrl', message: 'Required for custom hosts' }] : []),
      ...(data.authorityHost === undefined ? [{ path: 'authorityHost', message: 'Required for custom hosts' }] : []),
    ]);
  }
  const c = CLOUD_PRESETS.commercial;
  return { cloud, apiBaseUrl: data.apiBaseUrl ?? c.apiBaseUrl, authorityHost: data.authorityHost ?? c.authorityHost, graphBaseUrl: data.graphBaseUrl ?? c.graphBaseUrl };
}

function defenderConfig(data: Omit<DefenderInput, 'kind' | 'name' | 'clientSecret'>): DefenderConnectionConfig {
  return {
    ...defenderHosts(data),
    tenantId: data.tenantId,
    clientId: data.clientId,
    ...(data.rateLimits ? { rateLimits: data.rateLimits } : {}),
    ...(data.rateLimitWindows ? { rateLimitWindows: data.rateLimitWindows } : {}),
  };
}

function smtpConfig(data: Omit<z.infer<typeof ZSmtpConnectionInput>, 'kind' | 'name' | 'password'>): SmtpConnectionConfig {
  const tlsMode = data.tlsMode ?? legacyTlsMode(data.host, data.secure);
  return { host: data.host, port: data.port, tlsMode, ...(data.username ? { username: data.username } : {}), from: data.from };
}

function sealSecrets(secrets: Record<string, string>): string | null {
  return Object.keys(secrets).length > 0 ? sealJson(secrets) : null;
}

type ConnectionInput = z.infer<typeof ZConnectionInput>;

/** What a validated input stores: the non-secret config and the secrets (sealed together). One case per kind. */
function storedOf(data: ConnectionInput): { config: Record<string, unknown>; secrets: Record<string, string> } {
  switch (data.kind) {
    case 'defender':
      return { config: { ...defenderConfig(data) }, secrets: { clientSecret: data.clientSecret } };
    case 'smtp':
      return { config: { ...smtpConfig(data) }, secrets: data.password ? { password: data.password } : {} };
    case 'webhook':
      return { config: { service: data.service, host: new URL(data.url).host }, secrets: { url: data.url } };
    case 'http': {
      // Only the fields the chosen auth type uses are kept, so a stale password never lingers.
      const config: HttpConnectionConfig =
        data.authType === 'basic' ? { authType: 'basic', username: data.username }
        : data.authType === 'bearer' ? { authType: 'bearer' }
        : { authType: 'oauth2', tokenUrl: data.tokenUrl, clientId: data.clientId, ...(data.scope !== undefined ? { scope: data.scope } : {}) };
      const secrets: Record<string, string | undefined> =
        data.authType === 'basic' ? { password: data.password } : data.authType === 'bearer' ? { token: data.token } : { clientSecret: data.clientSecret };
      return { config: { ...config }, secrets: Object.fromEntries(Object.entries(secrets).filter((e): e is [string, string] => e[1] !== undefined)) };
    }
  }
}

export async function createConnection(actor: Principal | null, input: unknown, opts: { isDemo?: boolean } = {}): Promise<PublicConnection> {
  const parsed = ZConnectionInput.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { config, secrets } = storedOf(parsed.data);
  rememberSecrets(Object.values(secrets));
  const row = await db().connection.create({
    data: {
      kind: parsed.data.kind,
      name: parsed.data.name,
      isDemo: opts.isDemo ?? false,
      config: config as Prisma.InputJsonValue,
      secret: sealSecrets(secrets),
    },
  });
  await audit(actor, 'connection.create', { type: 'connection', id: row.id }, { kind: row.kind, name: row.name });
  return toPublicConnection(row);
}

/**
 * A secret in an update: omitted or `""` keeps the stored one, a non-empty string replaces it,
 * `null` clears it (only where the secret is optional).
 */
const ZSecretUpdate = z.union([z.string().max(1000), z.null()]).optional();

const ZUpdateBase = z.object({ kind: z.string().optional() }).passthrough();

/** Config fields that decide which tenant or server a test talked to. */
const IDENTITY_FIELDS = ['apiBaseUrl', 'authorityHost', 'graphBaseUrl', 'tenantId', 'clientId', 'host', 'port', 'tlsMode', 'username'];

/** PATCH semantics: fields given replace the stored ones, secrets follow ZSecretUpdate. */
export async function updateConnection(actor: Principal | null, id: string, input: unknown): Promise<PublicConnection> {
  const row = await findRow(id);
  const base = ZUpdateBase.safeParse(input);
  if (!base.success) throw fromZodIssues(base.error.issues);
  if (base.data.kind !== undefined && base.data.kind !== row.kind) throw badRequest(`A connection's kind cannot change (this one is ${row.kind})`);
  const body = base.data as Record<string, unknown>;

  // Secrets first: decide keep / replace / clear for each declared secret field.
  const secrets = openSecrets(row);
  const changedSecrets: string[] = [];
  for (const field of SECRET_FIELDS[row.kind] ?? []) {
    const parsed = ZSecretUpdate.safeParse(body[field.name]);
    if (!parsed.success) throw fromZodIssues(parsed.error.issues.map((i) => ({ ...i, path: [field.name, ...i.path] })));
    const value = parsed.data;
    if (value === undefined || value === '') continue;
    if (value === null) {
      if (field.required) throw badRequest(`${field.name} is required and cannot be cleared; send a new value to replace it`, [{ path: field.name, message: 'Cannot be cleared' }]);
      if (field.name in secrets) changedSecrets.push(`${field.name}:cleared`);
      delete secrets[field.name];
    } else {
      secrets[field.name] = value;
      changedSecrets.push(`${field.name}:replaced`);
    }
  }

  // Everything else: the stored config merged with what was sent, validated exactly like a create.
  const stored = row.config as Record<string, unknown>;
  const secretNames = new Set((SECRET_FIELDS[row.kind] ?? []).map((f) => f.name));
  const sent = Object.fromEntries(Object.entries(body).filter(([k]) => !secretNames.has(k) && k !== 'kind'));
  const merged: Record<string, unknown> = { ...stored, ...sent, kind: row.kind, name: sent.name ?? row.name, ...secrets };
  // The deprecated SMTP switch, sent alone, replaces the stored mode rather than lose to it.
  if (row.kind === 'smtp' && 'secure' in sent && !('tlsMode' in sent)) delete merged.tlsMode;
  if (row.kind === 'defender') {
    // A preset fills the hosts (stored ones are dropped); custom keeps the stored hosts not sent.
    const cloud = sent.cloud ?? cloudOfConfig(stored);
    merged.cloud = cloud;
    if (cloud !== 'custom') Object.assign(merged, { apiBaseUrl: undefined, authorityHost: undefined, graphBaseUrl: undefined });
  }
  const parsed = ZConnectionInput.safeParse(merged);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const next = storedOf(parsed.data);
  rememberSecrets(Object.values(next.secrets));
  const config = next.config;
  const name = parsed.data.name;

  // New hosts or credentials make the last test say nothing about this connection any more.
  const identity = (c: Record<string, unknown>) => JSON.stringify(IDENTITY_FIELDS.map((k) => c[k] ?? null));
  const credentialsChanged = changedSecrets.length > 0 || identity(config) !== identity(stored);
  const updated = await db().connection.update({
    where: { id },
    data: {
      name,
      config: config as Prisma.InputJsonValue,
      secret: sealSecrets(next.secrets),
      ...(credentialsChanged ? { lastTestedAt: null, lastTestOk: null, lastTestError: null, grantedRoles: [], grantedGraphRoles: [] } : {}),
    },
  });
  const changed = [...Object.keys(sent).filter((k) => JSON.stringify(sent[k]) !== JSON.stringify(k === 'name' ? row.name : stored[k])), ...changedSecrets];
  await audit(actor, 'connection.update', { type: 'connection', id }, { kind: row.kind, name, changed });
  // Workers cache connections: an edit (a rotated secret, a new host) applies to the next call.
  await signalConnectionChanged(id);
  return toPublicConnection(updated);
}

export interface FlowRef {
  id: string;
  name: string;
}

/** Flows whose draft or latest published version has a step (or trigger) using the connection. */
export async function flowsUsingConnection(id: string): Promise<(FlowRef & { graphs: TDraftGraph[] })[]> {
  const flows = await db().flow.findMany({ select: { id: true, name: true, graph: true, publishedVersionId: true }, orderBy: { name: 'asc' } });
  const versionIds = flows.map((f) => f.publishedVersionId).filter((v): v is string => v !== null);
  const versions = new Map((await db().flowVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, graph: true } })).map((v) => [v.id, v.graph]));
  const out: (FlowRef & { graphs: TDraftGraph[] })[] = [];
  for (const f of flows) {
    const graphs = [f.graph, f.publishedVersionId ? versions.get(f.publishedVersionId) : undefined]
      .map((g) => ZDraftGraph.safeParse(g).data)
      .filter((g): g is TDraftGraph => g !== undefined);
    const uses = graphs.filter((g) => g.nodes.some((n) => n.params?.connectionId === id));
    if (uses.length > 0) out.push({ id: f.id, name: f.name, graphs: uses });
  }
  return out;
}

/** Deletes a connection no draft or published flow uses; otherwise 409 naming those flows. */
export async function deleteConnection(actor: Principal | null, id: string): Promise<void> {
  const row = await findRow(id);
  const users = await flowsUsingConnection(id);
  if (users.length > 0) {
    throw new ServiceError(409, 'ConnectionInUse',
      `Connection "${row.name}" is used by ${users.length === 1 ? 'the flow' : 'the flows'} ${users.map((f) => `"${f.name}"`).join(', ')}. Choose another connection in ${users.length === 1 ? 'it' : 'them'} (draft and published version) first.`,
      { flows: users.map((f) => ({ id: f.id, name: f.name })) });
  }
  await db().connection.delete({ where: { id } });
  await audit(actor, 'connection.delete', { type: 'connection', id }, { kind: row.kind, name: row.name });
  await signalConnectionChanged(id);
}

/**
 * A connection as the flow checker sees it: the roles of its last tested token. A failed test
 * still counts when it read the token's roles (the token worked, an API call did not).
 */
export function toCheckerConnection(c: PublicConnection): ConnectionRoles {
  const roles = c.lastTest?.grantedRoles;
  const known = c.lastTest !== null && (c.lastTest.ok || (roles !== undefined && roles.mde.length + roles.graph.length > 0));
  return { id: c.id, name: c.name, testedAt: known ? c.lastTest!.at : null, grantedRoles: known && roles ? roles : NO_ROLES };
}

export async function checkerConnections(): Promise<ConnectionRoles[]> {
  return (await listConnections()).filter((c) => c.kind === 'defender').map(toCheckerConnection);
}

/** Stores the outcome of "Test connection" (roles for a Defender test whose tokens were issued). */
export async function recordConnectionTest(id: string, result: { ok: boolean; error?: string; grantedRoles?: GrantedRoles }, at = new Date()): Promise<void> {
  const roles = result.grantedRoles ?? NO_ROLES;
  await db().connection.update({
    where: { id },
    data: {
      lastTestedAt: at, lastTestOk: result.ok, lastTestError: result.ok ? null : redactText(result.error ?? 'Failed').slice(0, 2000),
      grantedRoles: [...roles.mde], grantedGraphRoles: [...roles.graph],
    },
  });
}

/** Server-side only: the connection with its secret opened, for the worker's clients. */
export async function loadDefenderConnection(id: string): Promise<DefenderConnectionConfig & { id: string; clientSecret: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'defender') throw notFound(`Defender connection ${id}`);
  if (!row.secret) throw badRequest(`Defender connection "${row.name}" has no client secret`);
  const config = row.config as unknown as DefenderConnectionConfig;
  const clientSecret = openSecrets(row).clientSecret;
  if (!clientSecret) throw badRequest(`Defender connection "${row.name}" has no client secret`);
  return { id: row.id, ...config, clientSecret };
}

/** Rows stored before tlsMode existed get theirs from the old `secure` switch (tlsModeOf). */
export async function loadSmtpConnection(id: string): Promise<SmtpConnectionConfig & { id: string; password?: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'smtp') throw notFound(`SMTP connection ${id}`);
  const config = row.config as unknown as SmtpConnectionConfig;
  const password = openSecrets(row).password;
  const tlsMode = tlsModeOf(row.config as Record<string, unknown>);
  return { id: row.id, ...config, tlsMode, password };
}

/** The webhook's URL is its secret: opened here for the worker only, never logged or returned. */
export async function loadWebhookConnection(id: string): Promise<WebhookConnectionConfig & { id: string; name: string; url: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'webhook') throw notFound(`Webhook connection ${id}`);
  if (!row.secret) throw badRequest(`Webhook connection "${row.name}" has no URL`);
  const config = row.config as unknown as WebhookConnectionConfig;
  const url = openSecrets(row).url;
  if (!url) throw badRequest(`Webhook connection "${row.name}" has no URL`);
  return { id: row.id, name: row.name, ...config, url };
}

export async function loadHttpConnection(id: string): Promise<HttpConnectionConfig & HttpConnectionSecrets & { id: string; name: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'http') throw notFound(`HTTP connection ${id}`);
  const config = row.config as unknown as HttpConnectionConfig;
  const secrets: HttpConnectionSecrets = openSecrets(row);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { id: row.id, name: row.name, ...config, password: text(secrets.password), token: text(secrets.token), clientSecret: text(secrets.clientSecret) };
}
