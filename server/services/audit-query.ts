// Reading the audit log: filters, keyset pages (newest first, on (at, id) — never OFFSET, so an
// entry written meanwhile never shifts a later page) and batches for the JSON lines export.
// Every condition is a bound parameter and maps onto an AuditEvent index (schema.prisma).
import { z } from 'zod';
import { ZQueryInstant, ZQueryText, ZQueryToken } from './query-params';
import { db, Prisma } from '../db/client';
import { AUDIT_CATEGORIES, actionsInCategory, auditActionCategory, auditActionLabel, type AuditCategory } from './audit-actions';
import { likeContains } from './run-list-sql';
import { badRequest, fromZodIssues } from './errors';

/** Time-range presets, relative to now; `custom` uses `from` / `to`. */
export const AUDIT_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type AuditRange = keyof typeof AUDIT_RANGES;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const text = ZQueryText;
const instant = ZQueryInstant;

export const ZAuditFilter = z.object({
  /** Part of the actor's email (any case); "system" finds system entries. */
  actor: text(320),
  action: z.preprocess(blank, z.string().max(100).regex(/^[a-z][a-zA-Z0-9._-]*$/, 'is not an action name').optional()),
  category: z.preprocess(blank, z.enum(Object.keys(AUDIT_CATEGORIES) as [AuditCategory, ...AuditCategory[]]).optional()),
  targetType: text(50),
  targetId: text(200),
  /** An exact address, or a prefix ending in `*` (e.g. `10.0.*`). */
  ip: text(100),
  range: z.preprocess(blank, z.enum(['24h', '7d', '30d', 'custom']).optional()),
  from: instant,
  to: instant,
});

export const ZAuditListQuery = ZAuditFilter.extend({
  cursor: ZQueryToken(200),
  /** `older` (default): the page after the cursor; `newer`: the page before it. */
  direction: z.preprocess(blank, z.enum(['older', 'newer']).default('older')),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
});

export type AuditFilter = z.infer<typeof ZAuditFilter>;

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  /** The actor's email, or "system". */
  actorEmail: string;
  action: string;
  /** From the catalogue (audit-actions.ts); an unlisted action shows as written. */
  label: string;
  category: AuditCategory | null;
  targetType: string;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Older entries (the next page), or null at the end. */
  nextCursor: string | null;
  /** Newer entries (the previous page), or null on the newest page. */
  prevCursor: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

interface Keyset {
  at: Date;
  id: string;
  direction: 'older' | 'newer';
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return parsed.data;
}

export function encodeAuditCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !z.uuid().safeParse(id).success) throw badRequest('Invalid cursor');
  return { at, id };
}

/** The time bounds a filter means at `now`: a preset wins over custom dates. */
function timeBounds(f: AuditFilter, now: Date): { from?: Date; to?: Date } {
  if (f.range && f.range !== 'custom') return { from: new Date(now.getTime() - AUDIT_RANGES[f.range]) };
  if (f.from && f.to && f.from > f.to) throw badRequest('from: must be before to');
  return { from: f.from, to: f.to };
}

function filterSql(f: AuditFilter, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.actor) parts.push(Prisma.sql`a."actorEmail" ILIKE ${likeContains(f.actor)}`);
  if (f.action) parts.push(Prisma.sql`a."action" = ${f.action}`);
  if (f.category) parts.push(Prisma.sql`a."action" = ANY(${actionsInCategory(f.category)}::text[])`);
  if (f.targetType) parts.push(Prisma.sql`a."targetType" = ${f.targetType}`);
  if (f.targetId) parts.push(Prisma.sql`a."targetId" = ${f.targetId}`);
  if (f.ip) {
    parts.push(f.ip.endsWith('*') ? Prisma.sql`a."ip" LIKE ${`${f.ip.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.sql`a."ip" = ${f.ip}`);
  }
  const { from, to } = timeBounds(f, now);
  if (from) parts.push(Prisma.sql`a."at" >= ${from}`);
  if (to) parts.push(Prisma.sql`a."at" < ${to}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, ' AND ');
}

/** `at <= c` bounds the index range; the id tie-break filters within it (as in run-list-sql.ts). */
function keysetSql(k: Keyset | null): Prisma.Sql {
  if (!k) return Prisma.sql`TRUE`;
  return k.direction === 'older'
    ? Prisma.sql`a."at" <= ${k.at} AND (a."at" < ${k.at} OR a."id" < ${k.id}::uuid)`
    : Prisma.sql`a."at" >= ${k.at} AND (a."at" > ${k.at} OR a."id" > ${k.id}::uuid)`;
}

function pageSql(filter: Prisma.Sql, keyset: Keyset | null, take: number): Prisma.Sql {
  const order = keyset?.direction === 'newer' ? Prisma.sql`a."at" ASC, a."id" ASC` : Prisma.sql`a."at" DESC, a."id" DESC`;
  return Prisma.sql`
    SELECT a."id", a."at", a."actorId", a."actorEmail", a."action", a."targetType", a."targetId", a."details", a."ip", a."userAgent"
    FROM "AuditEvent" a
    WHERE ${filter} AND ${keysetSql(keyset)}
    ORDER BY ${order}
    LIMIT ${take}`;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorEmail: r.actorEmail ?? 'system',
    action: r.action,
    label: auditActionLabel(r.action),
    category: auditActionCategory(r.action),
    targetType: r.targetType,
    targetId: r.targetId,
    details: r.details ?? null,
    ip: r.ip,
    userAgent: r.userAgent,
  };
}

/** One page of the audit log, newest first. */
export async function listAuditEvents(query: unknown, opts: { now?: Date } = {}): Promise<AuditPage> {
  const { cursor, direction, limit, ...filter } = parse(ZAuditListQuery, query);
  const newer = direction === 'newer';
  const keyset = cursor ? { ...decodeCursor(cursor), direction } : null;
  const rows = await db().$queryRaw<AuditRow[]>(pageSql(filterSql(filter, opts.now ?? new Date()), keyset, limit + 1));
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (newer) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const at = (r: AuditRow | undefined) => (r ? encodeAuditCursor(r.at, r.id) : null);
  return {
    items: page.map(toEntry),
    // Older: more rows past this page; newer: we came from older rows, so they exist.
    nextCursor: newer ? (cursor ? at(last) : null) : more ? at(last) : null,
    prevCursor: newer ? (more ? at(first) : null) : cursor ? at(first) : null,
  };
}

/** Validates an export's filter up front (a bad filter is a 400 before any byte is streamed). */
export function parseAuditFilter(query: unknown): AuditFilter {
  return parse(ZAuditFilter, query);
}

/**
 * Every matching entry, newest first, in keyset batches: memory stays one batch whatever the
 * size of the log. The time preset is fixed when the export starts.
 */
export async function* auditEventBatches(filter: AuditFilter, opts: { batchSize?: number; now?: Date } = {}): AsyncGenerator<AuditEntry[]> {
  const where = filterSql(filter, opts.now ?? new Date());
  const size = opts.batchSize ?? 500;
  let keyset: Keyset | null = null;
  for (;;) {
    const rows: AuditRow[] = await db().$queryRaw<AuditRow[]>(pageSql(where, keyset, size));
    if (rows.length > 0) yield rows.map(toEntry);
    const last: AuditRow | undefined = rows[rows.length - 1];
    if (rows.length < size || !last) return;
    keyset = { at: last.at, id: last.id, direction: 'older' };
  }
}

const UUID = z.uuid();

/**
 * Where each entry's target can be opened, for the ones that still exist: a flow, a run, a
 * connection (the Connections page), an approval (its run). Keyed by `type:id`.
 */
export async function auditTargetLinks(items: Pick<AuditEntry, 'targetType' | 'targetId'>[]): Promise<Record<string, string>> {
  const ids = (type: string) => [...new Set(items.filter((i) => i.targetType === type && i.targetId && UUID.safeParse(i.targetId).success).map((i) => i.targetId as string))];
  const [flows, runs, connections, approvals] = await Promise.all([
    ids('flow').length ? db().flow.findMany({ where: { id: { in: ids('flow') } }, select: { id: true } }) : [],
    ids('run').length ? db().run.findMany({ where: { id: { in: ids('run') } }, select: { id: true } }) : [],
    ids('connection').length ? db().connection.findMany({ where: { id: { in: ids('connection') } }, select: { id: true } }) : [],
    ids('approval').length ? db().approval.findMany({ where: { id: { in: ids('approval') } }, select: { id: true, runId: true } }) : [],
  ]);
  const links: Record<string, string> = {};
  for (const f of flows) links[`flow:${f.id}`] = `/flows/${f.id}`;
  for (const r of runs) links[`run:${r.id}`] = `/runs/${r.id}`;
  for (const c of connections) links[`connection:${c.id}`] = '/connections';
  for (const a of approvals) links[`approval:${a.id}`] = `/runs/${a.runId}`;
  return links;
}
