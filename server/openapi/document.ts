// Builds the OpenAPI 3.1 document from the registry with zod-openapi (which uses zod 4's own
// JSON Schema conversion), adding what every route shares: auth, the error envelope, path params.
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { ZDraftGraph } from '@/core/flow/schema';
import { can, type Role } from '@/server/auth/roles';
import { API_AREAS, allOperations } from './registry';
import { ERROR_DESCRIPTIONS, ZApiError } from './shared';
import type { ApiOperation, ErrorStatus } from './types';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];
export const API_VERSION = '1.0.0';

/** The roles an operation admits, for people reading the reference. */
export function rolesFor(op: ApiOperation): Role[] | 'anyone' {
  return op.access === 'public' ? 'anyone' : ROLES.filter((r) => can(r, op.access as Exclude<ApiOperation['access'], 'public'>));
}

export function operationId(op: ApiOperation): string {
  const words = op.path.replace(/^\/api(\/v1)?\//, '').split(/[/.]/).map((s) => (s.startsWith('{') ? 'by-' + s.slice(1, -1) : s));
  return [op.method.toLowerCase(), ...words].join('-').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function errorStatuses(op: ApiOperation): ErrorStatus[] {
  const auto: ErrorStatus[] = [];
  if (op.body || op.query) auto.push(400);
  if (op.access !== 'public') auto.push(401, 403);
  return [...new Set([...auto, ...(op.errors ?? [])])].sort((a, b) => a - b);
}

function responses(op: ApiOperation): ZodOpenApiResponsesObject {
  const { status, description, schema, contentType } = op.success;
  const out: Record<string, ZodOpenApiResponseObject> = {
    [status]: contentType
      ? { description, content: { [contentType]: { schema: { type: 'string' } } } }
      : schema
        ? { description, content: { 'application/json': { schema } } }
        : { description },
  };
  for (const e of errorStatuses(op)) out[e] = { description: ERROR_DESCRIPTIONS[e] ?? 'Error', content: { 'application/json': { schema: ZApiError } } };
  return out as ZodOpenApiResponsesObject;
}

function pathParams(path: string) {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string().meta({ description: `The ${n}` })]))) : undefined;
}

function operation(op: ApiOperation & { tag: string }): ZodOpenApiOperationObject {
  const roles = rolesFor(op);
  const path = pathParams(op.path);
  return {
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, op.access === 'public' ? 'No sign-in needed.' : `Permission ${op.access} (roles: ${(roles as Role[]).join(', ')}).`]
      .filter(Boolean)
      .join('\n\n'),
    security: op.access === 'public' ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
    'x-riposte-permission': op.access,
    ...(path || op.query ? { requestParams: { ...(path ? { path } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body ? { requestBody: { required: !op.bodyOptional, content: { 'application/json': { schema: op.body } } } } : {}),
    responses: responses(op),
  };
}

export function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of allOperations()) {
    const item = (paths[op.path] ??= {});
    item[op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'] = operation(op);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Riposte REST API',
        version: API_VERSION,
        description: 'Flows, runs and connections of a Riposte installation. JSON in and out; errors are { "error": { "code", "message", "details"? } }.',
      },
      servers: [{ url: '/', description: 'This Riposte installation' }],
      tags: API_AREAS.map((a) => ({ name: a.tag, description: a.description })),
      components: {
        // Registered so every body and response refers to one FlowGraph schema instead of inlining it.
        schemas: { FlowGraph: ZDraftGraph },
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from Account → API tokens or `npx riposte create-token`' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'riposte_session', description: 'The browser session (mutations must be same-origin)' },
        },
      },
      paths,
    },
  );
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
let cached: OpenApiDocument | undefined;

/** The document never changes while the process runs: build it once. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}
