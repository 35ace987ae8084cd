import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { countRunsByStatus, listRunFlowOptions, listRuns, RUN_STATUSES, type RunListPage, type RunStatusCounts } from '@/server/services/runs';
import { isServiceError } from '@/server/services/errors';
import { requirePage } from '../../_lib/auth';
import { can } from '@/server/auth/roles';
import { BulkRunActions } from '@/components/runs/bulk-run-actions';
import { bulkCancelAction, bulkResubmitAction } from './actions';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { RunsTable } from '@/components/runs/runs-table';
import { RunsLive } from '@/components/runs/runs-live';
import { RunFilters } from '@/components/runs/run-filters';
import { StatusChips } from '@/components/runs/status-chips';
import { isFiltered, readRunListParams, runListHref, utcInstant, type RunListParams } from '@/components/runs/run-list-params';

export const metadata: Metadata = { title: 'Runs' };

const STATUS_LABELS: Record<(typeof RUN_STATUSES)[number], string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
};
const STATUS_OPTIONS = RUN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));
const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

const serviceQuery = (params: RunListParams) => ({ ...params, from: utcInstant(params.from), to: utcInstant(params.to), limit: PAGE_SIZE });

/** The services validate everything (zod); a 400 becomes a message on the page, not an error page. */
async function load(params: RunListParams): Promise<{ page: RunListPage } | { error: string }> {
  try {
    return { page: await listRuns(serviceQuery(params)) };
  } catch (e) {
    if (isServiceError(e) && e.status === 400) return { error: e.message };
    throw e;
  }
}

/** The status chips' counts stream in after the list (a Suspense boundary), so they never delay it. */
async function StatusCounts({ params }: { params: RunListParams }) {
  const counts: RunStatusCounts = await countRunsByStatus(serviceQuery(params));
  return <StatusChips params={params} statuses={STATUS_OPTIONS} counts={counts} base="/runs" />;
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePage('runs:read');
  const canWrite = can(principal.role, 'runs:write');
  const params = readRunListParams(await searchParams);
  const [result, flows] = await Promise.all([load(params), listRunFlowOptions()]);
  // A flow's own run list is this page with the flow fixed (linked from the flow's header).
  const flow = params.flowId ? flows.find((f) => f.id === params.flowId) : undefined;
  // On a flow's own list the flow is not a filter to clear.
  const filtered = isFiltered(flow ? { ...params, flowId: undefined } : params);
  const clearHref = filtered ? (flow ? runListHref({ status: [], flowId: flow.id }) : '/runs') : null;
  const now = Date.now();

  return (
    <>
      <PageHeader
        eyebrow={
          flow ? (
            <span className="flex items-center gap-1">
              <Link href="/flows" className="hover:text-slate-700">
                Flows
              </Link>
              <Icon name="chevron-right" className="h-3.5 w-3.5" />
              <Link href={`/flows/${flow.id}`} className="hover:text-slate-700" data-testid="runs-flow-link">
                {flow.name}
              </Link>
            </span>
          ) : undefined
        }
        title={flow ? `Runs of ${flow.name}` : 'Runs'}
        description={
          flow
            ? 'Every run of this flow, newest first. Each run is pinned to the flow version it started with.'
            : 'Every run of every flow, newest first. Each run is pinned to the flow version it started with.'
        }
        actions={
          <>
            {flow && (
              <Link href="/runs" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                All runs
              </Link>
            )}
            {/* The newest page follows new runs and status changes (server-sent events, with a fallback). */}
            {!params.cursor && !('error' in result) && <RunsLive />}
          </>
        }
      />
      <Card>
        {'error' in result ? null : (
          <Suspense fallback={<StatusChips params={params} statuses={STATUS_OPTIONS} counts={null} base="/runs" />}>
            <StatusCounts params={params} />
          </Suspense>
        )}
        {/* Keyed by the query, so "Clear filters" and chip links also reset the fields typed into. */}
        <RunFilters key={runListHref(params)} params={params} flows={flows} fixedFlowId={flow?.id} clearHref={clearHref} />

        {'error' in result ? (
          <div role="alert" className="flex flex-col items-center px-6 py-14 text-center" data-testid="runs-error">
            <div className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-red-50 text-red-600">
              <Icon name="alert" className="h-5 w-5" />
            </div>
            <p className="text-sm font-semibold text-slate-900">These filters could not be applied</p>
            <p className="mt-1 max-w-md text-sm text-slate-500">{result.error}</p>
            <Link href={clearHref ?? '/runs'} className="mt-3 text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          </div>
        ) : result.page.items.length === 0 ? (
          <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title={params.cursor ? 'No more runs here' : filtered ? 'No runs match these filters' : 'No runs yet'}>
            {params.cursor ? (
              <Link href={runListHref(params)} className="font-medium text-indigo-600 hover:text-indigo-500">
                Back to the newest runs
              </Link>
            ) : filtered ? (
              'Try a wider time range, another status, or clear the filters.'
            ) : (
              'When an enabled flow picks up a new alert, its run appears here within seconds.'
            )}
          </EmptyState>
        ) : canWrite ? (
          <BulkRunActions resubmit={bulkResubmitAction} cancel={bulkCancelAction}>
            <RunsTable runs={result.page.items} now={now} showFlow={!flow} selectable />
          </BulkRunActions>
        ) : (
          <RunsTable runs={result.page.items} now={now} showFlow={!flow} />
        )}

        {!('error' in result) && (result.page.prevCursor || result.page.nextCursor) && (
          <nav className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm" aria-label="Pagination">
            <div className="flex items-center gap-4">
              {result.page.prevCursor && (
                <Link
                  href={runListHref(params, { cursor: result.page.prevCursor, direction: 'newer' })}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50"
                  data-testid="runs-newer"
                >
                  ← Newer
                </Link>
              )}
              {params.cursor && (
                <Link href={runListHref(params)} className="font-medium text-indigo-600 hover:text-indigo-500" data-testid="runs-newest">
                  Newest
                </Link>
              )}
            </div>
            {result.page.nextCursor && (
              <Link
                href={runListHref(params, { cursor: result.page.nextCursor })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50"
                data-testid="runs-older"
              >
                Older →
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
