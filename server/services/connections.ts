// Connections (Defender tenants, SMTP servers). Secrets are sealed at rest and never returned.
import { z } from 'zod';
import { db, type Connection } from '../db/client';
import { openJson, sealJson } from '../crypto/secrets';
import { audit } from './audit';
import { fromZodIssues, notFound, badRequest } from './errors';
import type { Principal } from '../auth/roles';
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

export const ZConnectionInput = z.discriminatedUnion('kind', [ZDefenderConnectionInput, ZSmtpConnectionInput]);

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

/** What the browser and the API may see: never the secret. */
export interface PublicConnection {
  id: string;
  kind: 'defender' | 'smtp';
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

export async function createConnection(actor: Principal | null, input: unknown, opts: { isDemo?: boolean } = {}): Promise<PublicConnection> {
  const parsed = ZConnectionInput.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const data = parsed.data;
  const row =
    data.kind === 'defender'
      ? await db().connection.create({
          data: {
            kind: 'defender',
            name: data.name,
            isDemo: opts.isDemo ?? false,
            config: {
              tenantId: data.tenantId, clientId: data.clientId, apiBaseUrl: data.apiBaseUrl, authorityHost: data.authorityHost, graphBaseUrl: data.graphBaseUrl,
              ...(data.rateLimits ? { rateLimits: data.rateLimits } : {}),
              ...(data.rateLimitWindows ? { rateLimitWindows: data.rateLimitWindows } : {}),
            },
            secret: sealJson({ clientSecret: data.clientSecret }),
          },
        })
      : await db().connection.create({
          data: {
            kind: 'smtp',
            name: data.name,
            isDemo: opts.isDemo ?? false,
            config: { host: data.host, port: data.port, secure: data.secure, username: data.username, from: data.from },
            secret: data.password ? sealJson({ password: data.password }) : null,
          },
        });
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
