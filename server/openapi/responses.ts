// Response shapes for the reference. The services return TypeScript interfaces, not zod, so
// these schemas describe them; the `Conforms` checks at the bottom make tsc fail if a DTO stops
// matching what the document promises. Objects are loose: the API may add fields (design.md §7
// "extend, don't rename").
import { z } from 'zod';
import { ZDraftGraph } from '@/core/flow/schema';
import { RUN_STATUSES } from '@/server/services/runs';
import type { FlowDto } from '@/server/services/flows';
import type { TokenView } from '@/server/services/api-tokens';
import type { PublicConnection } from '@/server/services/connections';
import type { BulkCancelResult, BulkResubmitResult } from '@/server/services/run-actions';

const iso = z.string().meta({ description: 'ISO 8601 date-time', example: '2026-12-01T12:00:00.000Z' });
const uuid = z.string().meta({ format: 'uuid' });

// The graph is registered as a component in document.ts, so every use becomes a $ref.
const ZFlowGraph = ZDraftGraph;

export const ZFlowOut = z
  .looseObject({
    id: uuid,
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    graph: ZFlowGraph,
    draftVersion: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    triggerType: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Flow' });

export const ZFlowPublished = ZFlowOut.extend({
  version: z.number().int().meta({ description: 'The version just published' }),
  warnings: z.array(z.looseObject({ severity: z.string(), message: z.string() })),
}).meta({ id: 'PublishedFlow' });

export const ZFlowListItem = z
  .looseObject({ id: uuid, name: z.string(), enabled: z.boolean(), draftVersion: z.number().int(), publishedVersion: z.number().int().nullable() })
  .meta({ id: 'FlowListItem' });

export const ZFlowExport = z.object({ name: z.string(), description: z.string(), graph: ZFlowGraph }).meta({ id: 'FlowExport' });

const status = z.enum(RUN_STATUSES);

export const ZRunListItem = z
  .looseObject({
    id: uuid,
    flowId: uuid,
    flowName: z.string(),
    flowVersion: z.number().int(),
    status,
    triggerKind: z.string(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    durationMs: z.number().nullable(),
    error: z.unknown(),
  })
  .meta({ id: 'RunListItem' });

export const ZRunListPage = z
  .object({ items: z.array(ZRunListItem), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() })
  .meta({ id: 'RunListPage' });

export const ZStep = z
  .looseObject({
    nodeId: z.string(),
    iteration: z.string(),
    type: z.string(),
    status: z.string(),
    input: z.unknown(),
    output: z.unknown(),
    error: z.unknown(),
    attempt: z.number().int(),
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
  })
  .meta({ id: 'Step' });

export const ZRunDetail = ZRunListItem.extend({ trigger: z.unknown(), steps: z.array(ZStep) }).meta({ id: 'Run' });

export const ZRunCounts = z
  .looseObject({
    counts: z.record(status, z.number().int()),
    total: z.number().int().meta({ description: 'Runs counted: all that match, or 10,000 when more do.' }),
    limited: z.boolean().meta({ description: 'More runs match than were counted: the counts cover the newest 10,000 of them.' }),
    unavailable: z.boolean().meta({ description: 'Counting ran past its time budget; the counts are all 0.' }),
  })
  .meta({ id: 'RunCounts' });

export const ZRunCreated = z.looseObject({ id: uuid, resubmittedFromId: uuid });
export const ZRunStarted = z.object({ runId: uuid });
export const ZBulkResubmitResult = z.object({
  created: z.array(z.object({ id: uuid, resubmittedFromId: uuid })),
  skipped: z.array(z.object({ runId: uuid, reason: z.string() })),
});
export const ZBulkCancelResult = z.object({ cancelled: z.array(uuid), skipped: z.array(z.object({ runId: uuid, reason: z.string() })) });

export const ZConnectionOut = z
  .looseObject({
    id: uuid,
    kind: z.enum(['defender', 'smtp', 'webhook', 'http']),
    name: z.string(),
    isDemo: z.boolean(),
    config: z.record(z.string(), z.unknown()).meta({ description: 'Non-secret settings' }),
    hasSecret: z.boolean(),
    secrets: z.record(z.string(), z.boolean()).meta({ description: 'Per secret field: whether it is set. Secrets are never returned.' }),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Connection' });

export const ZConnectionTestResult = z
  .looseObject({
    ok: z.boolean(),
    message: z.string(),
    testedAt: iso,
    grantedRoles: z
      .object({ mde: z.array(z.string()), graph: z.array(z.string()) })
      .optional()
      .meta({ description: 'Defender: the roles claim of the MDE API token (mde) and of the Microsoft Graph token (graph)' }),
    permissions: z
      .array(z.looseObject({ api: z.enum(['mde', 'graph']), permission: z.string(), orAnyOf: z.array(z.string()).optional(), granted: z.boolean(), fix: z.string().optional(), flows: z.array(z.string()) }))
      .optional()
      .meta({ description: 'Defender: what the flows using the connection need, per API, and whether its token carries it' }),
  })
  .meta({ id: 'ConnectionTestResult' });

export const ZTokenOut = z
  .object({
    id: uuid,
    name: z.string(),
    role: z.enum(['admin', 'editor', 'viewer']),
    createdAt: iso,
    lastUsedAt: iso.nullable(),
    expiresAt: iso.nullable(),
    revokedAt: iso.nullable(),
    active: z.boolean(),
    ownerEmail: z.string().optional(),
  })
  .meta({ id: 'ApiToken' });

export const ZTokenCreated = ZTokenOut.extend({ token: z.string().meta({ description: 'The bearer token: shown only in this response' }) }).meta({
  id: 'ApiTokenCreated',
});

export const ZLoginOut = z.object({ userId: uuid, expiresAt: iso });
export const ZHealth = z.object({ ok: z.boolean(), status: z.literal('alive'), uptimeSeconds: z.number() });
export const ZTestAlert = z.looseObject({ id: z.string(), title: z.string(), severity: z.string() });

// Compile-time drift guards: each DTO must be assignable to what the document says it returns.
// Loose objects carry an index signature that interfaces lack, so only the named keys are compared.
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Conforms<Actual, Documented> = [Actual] extends [Known<Documented>] ? true : never;
export const DTO_CONFORMANCE: [
  Conforms<FlowDto, z.output<typeof ZFlowOut>>,
  Conforms<TokenView, z.output<typeof ZTokenOut>>,
  Conforms<PublicConnection, z.output<typeof ZConnectionOut>>,
  Conforms<BulkCancelResult, z.output<typeof ZBulkCancelResult>>,
  Conforms<BulkResubmitResult, z.output<typeof ZBulkResubmitResult>>,
] = [true, true, true, true, true];
