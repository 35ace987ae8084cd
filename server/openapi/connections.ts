// /api/v1/connections: Defender tenants, SMTP servers, webhooks and HTTP endpoints. Secrets are
// write-only: responses say only whether each one is set.
import { z } from 'zod';
import { ZConnectionInput } from '@/server/services/connections';
import { ZConnectionOut, ZConnectionTestResult } from './responses';
import type { ApiArea } from './types';

// PATCH takes any subset of a create body of the same kind; a secret omitted or "" is kept.
const ZConnectionPatch = z.union(ZConnectionInput.options.map((o) => z.object(o.shape).partial())).meta({ id: 'ConnectionPatch' });

export const connectionsArea: ApiArea = {
  tag: 'Connections',
  description: 'Where flows connect to. Admins create and change them; every role can read them (without secrets).',
  operations: [
    { method: 'GET', path: '/api/v1/connections', summary: 'List connections', access: 'connections:read', success: { status: 200, description: 'All connections', schema: z.object({ items: z.array(ZConnectionOut) }) } },
    { method: 'POST', path: '/api/v1/connections', summary: 'Create a connection', access: 'connections:write', body: ZConnectionInput, success: { status: 200, description: 'The connection', schema: ZConnectionOut } },
    { method: 'GET', path: '/api/v1/connections/{id}', summary: 'Get a connection', access: 'connections:read', success: { status: 200, description: 'The connection', schema: ZConnectionOut }, errors: [404] },
    {
      method: 'PATCH', path: '/api/v1/connections/{id}', summary: 'Change a connection', description: 'Fields sent replace the stored ones; a secret left out or "" is kept, null clears an optional one. The kind cannot change.',
      access: 'connections:write', body: ZConnectionPatch, success: { status: 200, description: 'The connection', schema: ZConnectionOut }, errors: [404],
    },
    { method: 'DELETE', path: '/api/v1/connections/{id}', summary: 'Delete a connection', description: '409 ConnectionInUse (details.flows) while a flow uses it.', access: 'connections:write', success: { status: 204, description: 'Deleted' }, errors: [404, 409] },
    { method: 'POST', path: '/api/v1/connections/{id}/test', summary: 'Test a connection', access: 'connections:write', success: { status: 200, description: 'The result (ok false with a message on failure)', schema: ZConnectionTestResult }, errors: [404] },
  ],
};
