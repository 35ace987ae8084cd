// Connections (Defender tenants, SMTP servers, webhooks, HTTP credentials). Secrets are sealed at rest and never returned.
import { z } from 'zod';
import { db, type Connection, type Prisma } from '../db/client';
import { openJson, sealJson } from '../crypto/secrets';
import { audit } from './audit';
import { fromZodIssues, notFound, badRequest } from './errors';
import type { Principal } from '../auth/roles';
import type { ConnectionKind } from '@/core/catalog/types';
import { ZRateLimitOverrides, ZRateLimitWindows, type RateLimitOverrides, type RateLimitWindowsInput } from '../defender/rate-limit/limits';

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https URL')
  .transform((u) => u.replace(/\/+$/, ''));

export const ZDefenderConnectionInput = z.object({
  kind: z.literal('defender'),
  name: z.string().trim().min(1).max(100),
  tenantId: z.string().trim().min(1).max(100),
  clientId: z.string().trim().min(1).max(100),
  clientSecret: z.string().min(1).max(1000),
  apiBaseUrl: httpsUrl.default('https://api.securitycenter.microsoft.com'),
  authorityHost: httpsUrl.default('https://login.microsoftonline.com'),
  /** Graph host for hunting through Graph (sovereign clouds, the simulator). */
  graphBaseUrl: httpsUrl.default('https://graph.microsoft.com'),
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
  secure: z.boolean().default(false),
  username: z.string().max(255).optional(),
  password: z.string().max(1000).optional(),
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

export interface DefenderConnectionConfig {
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
  secure: boolean;
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

/** What the browser and the API may see: never the secret. */
export interface PublicConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  isDemo: boolean;
  config: Record<string, unknown>;
  hasSecret: boolean;
  createdAt: string;
}

export function toPublicConnection(c: Connection): PublicConnection {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    isDemo: c.isDemo,
    config: c.config as Record<string, unknown>,
    hasSecret: Boolean(c.secret),
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listConnections(): Promise<PublicConnection[]> {
  const rows = await db().connection.findMany({ orderBy: { createdAt: 'asc' } });
  return rows.map(toPublicConnection);
}

type ConnectionRow = { kind: ConnectionKind; name: string; config: Prisma.InputJsonObject; secret: string | null };

/** Splits an input into public config and the sealed secret, per kind. */
function rowFor(data: z.infer<typeof ZConnectionInput>): ConnectionRow {
  switch (data.kind) {
    case 'defender':
      return {
        kind: 'defender',
        name: data.name,
        config: {
          tenantId: data.tenantId, clientId: data.clientId, apiBaseUrl: data.apiBaseUrl, authorityHost: data.authorityHost, graphBaseUrl: data.graphBaseUrl,
          ...(data.rateLimits ? { rateLimits: data.rateLimits } : {}),
          ...(data.rateLimitWindows ? { rateLimitWindows: data.rateLimitWindows } : {}),
        },
        secret: sealJson({ clientSecret: data.clientSecret }),
      };
    case 'smtp':
      return {
        kind: 'smtp',
        name: data.name,
        config: { host: data.host, port: data.port, secure: data.secure, ...(data.username !== undefined ? { username: data.username } : {}), from: data.from },
        secret: data.password ? sealJson({ password: data.password }) : null,
      };
    case 'webhook':
      return { kind: 'webhook', name: data.name, config: { service: data.service, host: new URL(data.url).host }, secret: sealJson({ url: data.url }) };
    case 'http': {
      // Only the fields the chosen auth type uses are kept, so a stale password never lingers.
      const config: HttpConnectionConfig =
        data.authType === 'basic' ? { authType: 'basic', username: data.username }
        : data.authType === 'bearer' ? { authType: 'bearer' }
        : { authType: 'oauth2', tokenUrl: data.tokenUrl, clientId: data.clientId, ...(data.scope !== undefined ? { scope: data.scope } : {}) };
      const secrets: HttpConnectionSecrets =
        data.authType === 'basic' ? { password: data.password } : data.authType === 'bearer' ? { token: data.token } : { clientSecret: data.clientSecret };
      return { kind: 'http', name: data.name, config: { ...config }, secret: sealJson({ ...secrets }) };
    }
  }
}

export async function createConnection(actor: Principal | null, input: unknown, opts: { isDemo?: boolean } = {}): Promise<PublicConnection> {
  const parsed = ZConnectionInput.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const data = parsed.data;
  const row = await db().connection.create({ data: { ...rowFor(data), isDemo: opts.isDemo ?? false } });
  await audit(actor, 'connection.create', { type: 'connection', id: row.id }, { kind: row.kind, name: row.name });
  return toPublicConnection(row);
}

/** Server-side only: the connection with its secret opened, for the worker's clients. */
export async function loadDefenderConnection(id: string): Promise<DefenderConnectionConfig & { id: string; clientSecret: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'defender') throw notFound(`Defender connection ${id}`);
  if (!row.secret) throw badRequest(`Defender connection "${row.name}" has no client secret`);
  const config = row.config as unknown as DefenderConnectionConfig;
  return { id: row.id, ...config, clientSecret: String(openJson(row.secret).clientSecret) };
}

export async function loadSmtpConnection(id: string): Promise<SmtpConnectionConfig & { id: string; password?: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'smtp') throw notFound(`SMTP connection ${id}`);
  const config = row.config as unknown as SmtpConnectionConfig;
  const password = row.secret ? String(openJson(row.secret).password) : undefined;
  return { id: row.id, ...config, password };
}

/** The webhook's URL is its secret: opened here for the worker only, never logged or returned. */
export async function loadWebhookConnection(id: string): Promise<WebhookConnectionConfig & { id: string; name: string; url: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'webhook') throw notFound(`Webhook connection ${id}`);
  if (!row.secret) throw badRequest(`Webhook connection "${row.name}" has no URL`);
  const config = row.config as unknown as WebhookConnectionConfig;
  return { id: row.id, name: row.name, ...config, url: String(openJson(row.secret).url) };
}

export async function loadHttpConnection(id: string): Promise<HttpConnectionConfig & HttpConnectionSecrets & { id: string; name: string }> {
  const row = await db().connection.findUnique({ where: { id } });
  if (!row || row.kind !== 'http') throw notFound(`HTTP connection ${id}`);
  const config = row.config as unknown as HttpConnectionConfig;
  const secrets = (row.secret ? openJson(row.secret) : {}) as HttpConnectionSecrets;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { id: row.id, name: row.name, ...config, password: text(secrets.password), token: text(secrets.token), clientSecret: text(secrets.clientSecret) };
}
