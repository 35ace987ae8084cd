// Health, the demo tenant and this reference itself.
import { z } from 'zod';
import { ZRaiseAlert } from '@/server/services/demo';
import { ZHealth, ZTestAlert } from './responses';
import type { ApiArea } from './types';

export const systemArea: ApiArea = {
  tag: 'System',
  description: 'Probes, the demo tenant and the API document.',
  operations: [
    { method: 'GET', path: '/api/health', summary: 'Liveness', access: 'public', success: { status: 200, description: 'The process answers', schema: ZHealth } },
    {
      method: 'GET', path: '/api/ready', summary: 'Readiness', description: 'Database, Redis, migrations applied and a worker heartbeat in the last minute; 503 with the failing check otherwise.',
      access: 'public', success: { status: 200, description: 'Each check with ok and timing', schema: z.looseObject({ status: z.enum(['ready', 'not_ready']), checks: z.looseObject({}) }) }, errors: [503],
    },
    {
      method: 'GET', path: '/api/metrics', summary: 'Prometheus metrics', description: 'Prometheus text format (docs/observability.md). Its own token: `Authorization: Bearer <RIPOSTE_METRICS_TOKEN>`; 404 while that is unset, 401 for a wrong token.',
      access: 'public', success: { status: 200, description: 'Metrics in the Prometheus text exposition format', schema: z.string() }, errors: [401, 404],
    },
    {
      method: 'GET', path: '/api/v1/openapi.json', summary: 'This OpenAPI 3.1 document', description: 'Public: it describes the shape of the API and reveals no data or secrets.',
      access: 'public', success: { status: 200, description: 'The document', schema: z.looseObject({ openapi: z.string() }) },
    },
    { method: 'POST', path: '/api/v1/demo/alerts', summary: 'Raise a test alert on the demo tenant', access: 'demo:use', body: ZRaiseAlert, success: { status: 200, description: 'The alert', schema: ZTestAlert }, errors: [404, 502] },
  ],
};
