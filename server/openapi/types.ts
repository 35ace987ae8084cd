// The shape of one entry in the API reference registry. Each area file (flows.ts, runs.ts, …)
// lists its operations with the SAME zod schemas the services parse with, so the document
// cannot drift from what the server accepts.
import type { z } from 'zod';
import type { Permission } from '@/server/auth/roles';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 502 | 503;

export interface ApiOperation {
  method: ApiMethod;
  /** Full URL path with `{name}` for dynamic segments, e.g. `/api/v1/flows/{id}`. */
  path: string;
  summary: string;
  description?: string;
  /** The permission `route()` checks, or `public` for routes that need no sign-in. */
  access: Permission | 'public';
  /** JSON request body, parsed by the service with this schema. */
  body?: z.ZodType;
  /** True when an empty body is accepted (e.g. "run now"). */
  bodyOptional?: boolean;
  /** Query string, parsed by the service with this object schema. */
  query?: z.ZodObject;
  success: {
    status: 200 | 201 | 202 | 204 | 302;
    description: string;
    /** JSON response; omit for 204 or non-JSON bodies. */
    schema?: z.ZodType;
    /** Non-JSON responses (server-sent events, JSON lines exports). */
    contentType?: 'text/event-stream' | 'application/x-ndjson';
  };
  /** Errors besides the automatic ones (400 with a body/query, 401/403 for signed-in routes). */
  errors?: ErrorStatus[];
}

/** One area of the API: a tag in the document and a section on /api-docs. */
export interface ApiArea {
  tag: string;
  description: string;
  operations: ApiOperation[];
}
