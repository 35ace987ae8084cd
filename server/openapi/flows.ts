// /api/v1/flows: drafts, publishing, the on/off switch, export/import and manual runs.
import { ZCreateFlow, ZUpdateFlow } from '@/server/services/flows';
import { ZManualRunBody } from '@/server/services/manual-runs';
import { listOf } from './shared';
import { ZFlowExport, ZFlowListItem, ZFlowOut, ZFlowPublished, ZRunStarted } from './responses';
import type { ApiArea } from './types';

export const flowsArea: ApiArea = {
  tag: 'Flows',
  description: 'Flows have one draft (saved with optimistic concurrency) and immutable published versions.',
  operations: [
    { method: 'GET', path: '/api/v1/flows', summary: 'List flows', access: 'flows:read', success: { status: 200, description: 'All flows', schema: listOf(ZFlowListItem) } },
    { method: 'POST', path: '/api/v1/flows', summary: 'Create a flow', access: 'flows:write', body: ZCreateFlow, success: { status: 200, description: 'The new flow (draft version 1)', schema: ZFlowOut } },
    {
      method: 'POST', path: '/api/v1/flows/import', summary: 'Import a flow export', description: 'Accepts exactly what GET /flows/{id}/export returns and creates a new flow.',
      access: 'flows:write', body: ZCreateFlow, success: { status: 200, description: 'The new flow', schema: ZFlowOut },
    },
    { method: 'GET', path: '/api/v1/flows/{id}', summary: 'Get a flow with its draft', access: 'flows:read', success: { status: 200, description: 'The flow', schema: ZFlowOut }, errors: [404] },
    {
      method: 'PUT', path: '/api/v1/flows/{id}', summary: 'Save the draft',
      description: 'Only saved when baseVersion is the current draftVersion; otherwise 409 StaleDraft with details.current.',
      access: 'flows:write', body: ZUpdateFlow, success: { status: 200, description: 'The saved flow', schema: ZFlowOut }, errors: [404, 409],
    },
    { method: 'DELETE', path: '/api/v1/flows/{id}', summary: 'Delete a flow', access: 'flows:write', success: { status: 204, description: 'Deleted' }, errors: [404] },
    {
      method: 'POST', path: '/api/v1/flows/{id}/publish', summary: 'Publish the draft as a new version',
      description: '422 FlowInvalid with details.issues when the draft has errors; warnings are returned on success.',
      access: 'flows:write', success: { status: 200, description: 'The flow with the new version', schema: ZFlowPublished }, errors: [404, 422],
    },
    {
      method: 'POST', path: '/api/v1/flows/{id}/enable', summary: 'Switch the flow on', description: '422 NotPublished until the flow has a published version.',
      access: 'flows:write', success: { status: 200, description: 'The flow', schema: ZFlowOut }, errors: [404, 422],
    },
    { method: 'POST', path: '/api/v1/flows/{id}/disable', summary: 'Switch the flow off', access: 'flows:write', success: { status: 200, description: 'The flow', schema: ZFlowOut }, errors: [404] },
    { method: 'GET', path: '/api/v1/flows/{id}/export', summary: 'Export the draft', access: 'flows:read', success: { status: 200, description: 'Name, description and graph', schema: ZFlowExport }, errors: [404] },
    {
      method: 'POST', path: '/api/v1/flows/{id}/run', summary: 'Start a manual run',
      description: 'With an alert id, a pasted payload or an earlier run\'s trigger data, on the published version or the draft. An empty body runs a schedule flow now.',
      access: 'runs:write', body: ZManualRunBody, bodyOptional: true, success: { status: 202, description: 'Queued', schema: ZRunStarted }, errors: [404, 422],
    },
  ],
};
