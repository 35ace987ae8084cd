// Advanced hunting through either API, normalised to one shape for flows:
// MDE `POST /api/advancedqueries/run` (B.8: `{ Query }` → `{ Schema: [{Name,Type}], Results }`,
// retiring 1 Feb 2027) and Graph `POST /v1.0/security/runHuntingQuery` (B.10: `{ Query, Timespan? }`
// → `{ schema: [{name,type}], results }`).
import { z } from 'zod';
import { MdeApiError } from './errors';
import type { MdeRequest } from './mde-request';

export type HuntingApi = 'mde' | 'graph';

export interface HuntingColumn {
  name: string;
  type: string;
}

export interface HuntingResult {
  schema: HuntingColumn[];
  results: Record<string, unknown>[];
  rowCount: number;
  api: HuntingApi;
}

export interface HuntingOptions {
  /** Default 'mde' (the legacy endpoint); Graph is the one that keeps working after 1 Feb 2027. */
  api?: HuntingApi;
  /** Graph only: ISO 8601 duration or interval, e.g. P7D; Graph's default is 30 days. */
  timespan?: string;
  /** Results larger than this (as JSON) fail the call; default DEFAULT_MAX_RESULT_BYTES. */
  maxResultBytes?: number;
}

/**
 * A run keeps every step's output in Postgres and in memory for later tokens, but Defender may
 * return up to 100,000 rows (50–124 MB). Beyond this a flow should `project`/`summarize`/`take`.
 */
export const DEFAULT_MAX_RESULT_BYTES = 8 * 1024 * 1024;

/** Both APIs time a query out after minutes (MDE 200 s, Graph 3 min); give them a little more. */
export const HUNTING_TIMEOUT_MS = 210_000;

const ZRow = z.record(z.string(), z.unknown());

export const ZMdeHuntingResponse = z.looseObject({
  Schema: z.array(z.looseObject({ Name: z.string(), Type: z.string() })),
  Results: z.array(ZRow),
});

export const ZGraphHuntingResponse = z.looseObject({
  schema: z.array(z.looseObject({ name: z.string(), type: z.string() })),
  results: z.array(ZRow),
});

function invalidInput(message: string): MdeApiError {
  return new MdeApiError({ status: 0, code: 'InvalidInput', retryable: false, message });
}

function checkSize(result: HuntingResult, maxBytes: number): HuntingResult {
  const bytes = Buffer.byteLength(JSON.stringify(result.results));
  if (bytes <= maxBytes) return result;
  throw new MdeApiError({
    status: 200, code: 'ResultTooLarge', retryable: false,
    message: `The hunting query returned ${result.rowCount} rows (${Math.ceil(bytes / 1024)} KB), more than a flow step keeps (${Math.floor(maxBytes / 1024)} KB). Narrow it with project, summarize or take.`,
  });
}

export async function runHuntingQuery(
  send: { mde: MdeRequest; graph: MdeRequest },
  query: string,
  opts: HuntingOptions = {},
): Promise<HuntingResult> {
  const api = opts.api ?? 'mde';
  const maxBytes = opts.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
  if (query.trim() === '') throw invalidInput('A hunting query needs a KQL query.');
  const timespan = opts.timespan?.trim() || undefined;
  if (api === 'mde') {
    if (timespan) throw invalidInput('Timespan is only supported by the Graph hunting API; in MDE, filter on Timestamp in the query.');
    // Body parameter names are case-sensitive in MDE (B.3): Query.
    const res = await send.mde('POST', '/api/advancedqueries/run', ZMdeHuntingResponse, { Query: query });
    return checkSize({
      schema: res.Schema.map((c) => ({ name: c.Name, type: c.Type })),
      results: res.Results,
      rowCount: res.Results.length,
      api,
    }, maxBytes);
  }
  const res = await send.graph('POST', '/v1.0/security/runHuntingQuery', ZGraphHuntingResponse, timespan ? { Query: query, Timespan: timespan } : { Query: query });
  return checkSize({
    schema: res.schema.map((c) => ({ name: c.name, type: c.type })),
    results: res.results,
    rowCount: res.results.length,
    api,
  }, maxBytes);
}
