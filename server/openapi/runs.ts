// /api/v1/runs: history with filters, details with steps, live events and run actions.
import { ZRunFilter, ZRunListQuery } from '@/server/services/runs';
import { ZBulkCancelBody, ZBulkResubmitBody, ZResubmitBody } from '@/server/services/run-actions';
import { ZBulkCancelResult, ZBulkResubmitResult, ZRunCounts, ZRunCreated, ZRunDetail, ZRunListPage } from './responses';
import type { ApiArea } from './types';

export const runsArea: ApiArea = {
  tag: 'Runs',
  description: 'Every execution of a flow, its steps, and the actions on it (cancel, resubmit, retry).',
  operations: [
    {
      method: 'GET', path: '/api/v1/runs', summary: 'List runs', description: 'Newest first; page with cursor and direction. status accepts a comma-separated list.',
      access: 'runs:read', query: ZRunListQuery, success: { status: 200, description: 'A page of runs', schema: ZRunListPage },
    },
    { method: 'GET', path: '/api/v1/runs/counts', summary: 'Count runs per status', description: 'Same filters as the list (its status part ignored). The counts cover the newest 10,000 matching runs: when more match, limited is true and total is 10,000; unavailable is true (and every count 0) when counting took longer than its 150 ms budget.', access: 'runs:read', query: ZRunFilter, success: { status: 200, description: 'Counts', schema: ZRunCounts } },
    { method: 'GET', path: '/api/v1/runs/events', summary: 'Live run list events', description: 'Server-sent events as runs are queued and change.', access: 'runs:read', success: { status: 200, description: 'An event stream', contentType: 'text/event-stream' } },
    { method: 'POST', path: '/api/v1/runs/cancel', summary: 'Cancel several runs', description: 'Finished runs are skipped with a reason.', access: 'runs:write', body: ZBulkCancelBody, success: { status: 200, description: 'What was cancelled and skipped', schema: ZBulkCancelResult } },
    { method: 'POST', path: '/api/v1/runs/resubmit', summary: 'Resubmit several runs', access: 'runs:write', body: ZBulkResubmitBody, success: { status: 200, description: 'The new runs and what was skipped', schema: ZBulkResubmitResult } },
    { method: 'GET', path: '/api/v1/runs/{id}', summary: 'Get a run with its steps', access: 'runs:read', success: { status: 200, description: 'The run', schema: ZRunDetail }, errors: [404] },
    { method: 'GET', path: '/api/v1/runs/{id}/events', summary: 'Live events for one run', access: 'runs:read', success: { status: 200, description: 'An event stream', contentType: 'text/event-stream' }, errors: [404] },
    { method: 'POST', path: '/api/v1/runs/{id}/cancel', summary: 'Cancel a run', access: 'runs:write', success: { status: 200, description: 'Cancelled', schema: ZRunCreated.pick({ id: true }) }, errors: [404, 409] },
    {
      method: 'POST', path: '/api/v1/runs/{id}/resubmit', summary: 'Resubmit a run', description: 'A new run with the same trigger data; body optional (version defaults to same).',
      access: 'runs:write', body: ZResubmitBody, bodyOptional: true, success: { status: 201, description: 'The new run', schema: ZRunCreated }, errors: [404, 409],
    },
    { method: 'POST', path: '/api/v1/runs/{id}/retry', summary: 'Retry from the failed step', description: 'A new run that reuses the original\'s succeeded steps.', access: 'runs:write', success: { status: 201, description: 'The new run', schema: ZRunCreated }, errors: [404, 409] },
  ],
};
