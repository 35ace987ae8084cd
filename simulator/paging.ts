// OData collection responses with $top/$skip and an absolute @odata.nextLink, the
// way MDE pages list results (B.3).
import type { RouteContext } from './route';
import { applyFilter, ODataFilterError, parseFilter, type FieldSchema } from './odata-filter';
import { sendJson, sendMdeError } from './http-util';

const MAX_TOP = 10_000;

function parseCount(ctx: RouteContext, name: string, fallback: number): number {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ODataFilterError(`Invalid value '${raw}' for ${name}; a non-negative integer is expected.`);
  return Number(raw.trim());
}

export function sendCollection<T extends object>(
  ctx: RouteContext,
  /** `present`: how a record is serialised (filters see the stored record). */
  opts: { entitySet: string; records: T[]; schema: FieldSchema; present?: (record: T) => unknown },
): void {
  let top: number;
  let skip: number;
  let records = opts.records;
  try {
    top = parseCount(ctx, '$top', MAX_TOP);
    skip = parseCount(ctx, '$skip', 0);
    if (top > MAX_TOP) throw new ODataFilterError(`The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
    const filter = ctx.url.searchParams.get('$filter');
    if (filter !== null) records = applyFilter(records, parseFilter(filter, opts.schema), opts.schema);
  } catch (error) {
    if (error instanceof ODataFilterError) return sendMdeError(ctx.res, 400, 'ODataError', `Invalid OData query: ${error.message}`);
    throw error;
  }

  const page = records.slice(skip, skip + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.origin}/api/$metadata#${opts.entitySet}`,
    value: opts.present ? page.map(opts.present) : page,
  };
  if (skip + top < records.length && top > 0) {
    const next = new URL(ctx.url.pathname, ctx.origin);
    for (const [key, value] of ctx.url.searchParams) if (key !== '$skip' && key !== '$top') next.searchParams.set(key, value);
    next.searchParams.set('$top', String(top));
    next.searchParams.set('$skip', String(skip + top));
    body['@odata.nextLink'] = next.toString();
  }
  sendJson(ctx.res, 200, body);
}
