// "Get columns" for a hunting step in the designer: runs the step's query once through the real
// MDE client (Graph or MDE, as the step chooses) and returns the result's columns. The call
// passes the tenant's shared rate limiter like a run's, so the designer cannot starve flows.
// Tokens in the query take their values from the flow's latest run, escaped as in a run.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { createMdeClient } from '../defender/mde-client';
import { isMdeApiError } from '../defender/errors';
import { connectionGate } from '../defender/rate-limit/connection-gate';
import { createSlidingWindowLimiter, type SlidingWindowLimiter } from '../defender/rate-limit/sliding-window';
import { producerConnection } from '../queue/connection';
import { env } from '../env';
import { MAX_COLUMNS, ZHuntingColumn, type HuntingColumn } from '@/core/catalog/hunting-columns';
import { hasToken } from '@/core/tokens/parse';
import { encodeKqlString, resolveValue } from '@/core/tokens/resolve';
import { loadDefenderConnection } from './connections';
import { sampleOutputs } from './flow-versions';
import { ServiceError, badRequest } from './errors';
import { getFlow } from './flows';

export const ZColumnsRequest = z.object({
  connectionId: z.string().uuid('Choose a Defender connection first'),
  query: z.string().trim().min(1, 'Write a query first').max(100_000),
  api: z.enum(['graph', 'mde']).default('graph'),
  timespan: z.string().trim().max(200).optional(),
});
export type ColumnsRequest = z.input<typeof ZColumnsRequest>;

export interface ColumnsResult {
  columns: HuntingColumn[];
  /** Rows the sample query returned (at most SAMPLE_ROWS). */
  rowCount: number;
  api: 'graph' | 'mde';
  /** True when tokens in the query took their values from the latest run. */
  usedRunValues: boolean;
}

/** Only the columns are needed: a few rows keep the call cheap and far below the size cap. */
export const SAMPLE_ROWS = 10;
export const TOKENS_NEED_RUN = 'The query uses tokens; run the flow once or remove them to get columns.';
// A Retry-After or a full budget longer than this is reported to the user, who can try again.
const MAX_WAIT_MS = 3000;

const holder = globalThis as unknown as { riposteDesignerLimiter?: { limiter: SlidingWindowLimiter; redis: Redis } };

function limiter(): SlidingWindowLimiter {
  if (!holder.riposteDesignerLimiter) {
    const redis = producerConnection();
    redis.on('error', () => undefined);
    holder.riposteDesignerLimiter = { limiter: createSlidingWindowLimiter(redis), redis };
  }
  return holder.riposteDesignerLimiter.limiter;
}

/** For tests and shutdown. */
export async function closeDesignerLimiter(): Promise<void> {
  const held = holder.riposteDesignerLimiter;
  holder.riposteDesignerLimiter = undefined;
  await held?.redis.quit().catch(() => undefined);
}

/**
 * The query as it would run: tokens resolved from the latest run (as KQL string content),
 * then limited to a few rows. The limit goes on a new line, after any trailing comment.
 */
export async function sampleQuery(flowId: string, query: string): Promise<{ query: string; usedRunValues: boolean }> {
  let text = query;
  const usedRunValues = hasToken(query);
  if (usedRunValues) {
    const samples = await sampleOutputs(flowId);
    const resolved = Object.keys(samples).length === 0 ? undefined : resolveValue(query, samples, encodeKqlString);
    if (resolved === undefined || resolved.missing.length > 0 || resolved.invalid.length > 0 || typeof resolved.value !== 'string') {
      const missing = resolved?.missing.length ? ` (the latest run has no value for ${resolved.missing.slice(0, 3).join(', ')})` : '';
      throw badRequest(`${TOKENS_NEED_RUN.replace(/\.$/, '')}${missing}.`);
    }
    text = resolved.value;
  }
  return { query: `${text.replace(/[\s;]+$/, '')}\n| take ${SAMPLE_ROWS}`, usedRunValues };
}

/** What the step's `columns` param accepts (names and types within bounds). */
function columnsOf(schema: readonly HuntingColumn[]): HuntingColumn[] {
  return schema
    .map((c) => ({ name: c.name.slice(0, 200), type: c.type.slice(0, 60) }))
    .filter((c) => ZHuntingColumn.safeParse(c).success)
    .slice(0, MAX_COLUMNS);
}

function defenderMessage(e: unknown): never {
  if (!isMdeApiError(e)) throw e;
  const code = e.code;
  if (e.status === 403 || code === 'Forbidden') {
    throw new ServiceError(403, 'DefenderForbidden', `Defender refused the query (403): the app registration needs ThreatHunting.Read.All (Graph) or AdvancedQuery.Read.All (mde). ${e.message}`);
  }
  if (e.status === 429 || code === 'RateLimited' || code === 'TooManyRequests') {
    const wait = e.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(e.retryAfterMs / 1000))} s.` : ' Try again in a minute.';
    throw new ServiceError(429, 'RateLimited', `Defender's hunting limit is used up for now.${wait}`);
  }
  if (e.status === 400) throw new ServiceError(400, 'InvalidQuery', `Defender could not run the query: ${e.message}`);
  throw new ServiceError(502, 'DefenderError', `Defender did not answer the query: ${e.message}`);
}

export async function fetchHuntingColumns(flowId: string, input: ColumnsRequest): Promise<ColumnsResult> {
  const parsed = ZColumnsRequest.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'Invalid request');
  const req = parsed.data;
  if (req.api === 'mde' && req.timespan) throw badRequest('Timespan works with the Graph API only; clear it or choose graph.');
  await getFlow(flowId);
  const { query, usedRunValues } = await sampleQuery(flowId, req.query);
  const conn = await loadDefenderConnection(req.connectionId);
  const gate = connectionGate(conn, { limiter: limiter(), keyPrefix: env().RIPOSTE_QUEUE_PREFIX, maxInlineWaitMs: MAX_WAIT_MS });
  const client = createMdeClient(conn, { gate, maxRetries: 1, maxRetryAfterMs: MAX_WAIT_MS });
  try {
    const result = await client.runHuntingQuery(query, { api: req.api, timespan: req.timespan || undefined });
    return { columns: columnsOf(result.schema), rowCount: result.rowCount, api: result.api, usedRunValues };
  } catch (e) {
    defenderMessage(e);
  }
}
