// Query strings and OData paging shared by every MDE client module, so all list calls build
// their URLs and follow @odata.nextLink the same way (through the one request path, mde-request.ts).
import type { z } from 'zod';
import { MdeApiError } from './errors';
import type { MdeRequest } from './mde-request';

// A runaway nextLink chain (a server bug) must not loop forever.
const MAX_PAGES = 1000;

/** OData string literal: single quotes are escaped by doubling them. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function query(params: Record<string, string | number | undefined>): string {
  // Built by hand so `$filter` keeps its `$` (MDE examples never percent-encode it).
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Follows @odata.nextLink from `first`; with `limit`, stops once that many items are in (no page beyond is read). */
export async function collectPages<T>(send: MdeRequest, first: string, schema: z.ZodType<{ value: T[]; '@odata.nextLink'?: string | null }>, limit?: number): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | null | undefined = first;
  while (next && (limit === undefined || items.length < limit)) {
    if (seen.has(next) || seen.size >= MAX_PAGES) {
      throw new MdeApiError({ status: 200, code: 'MalformedResponse', retryable: false, message: 'Defender API paging did not terminate (repeated or endless @odata.nextLink).' });
    }
    seen.add(next);
    const page: { value: T[]; '@odata.nextLink'?: string | null } = await send('GET', next, schema);
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return limit === undefined ? items : items.slice(0, limit);
}

export function invalidInput(message: string): MdeApiError {
  return new MdeApiError({ status: 0, code: 'InvalidInput', retryable: false, message });
}
