import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { listRuns, RUN_STATUSES } from '@/server/services/runs';
import { listFlows } from '@/server/services/flows';
import { requirePage } from '../../_lib/auth';
import { can } from '@/server/auth/roles';
import { BulkRunActions } from '@/components/runs/bulk-run-actions';
import { bulkResubmitAction } from './actions';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { AutoSubmitSelect } from '@/components/ui/auto-submit-select';
import { RunsTable } from '@/components/runs/runs-table';
import { AutoRefresh } from '@/components/runs/auto-refresh';

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

// Unknown or malformed query values are dropped rather than turned into an error page.
const ZQuery = z.object({
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  flowId: z.string().uuid().optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

type SearchParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

function href(query: { status?: string; flowId?: string; cursor?: string }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/runs?${s}` : '/runs';
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePage('runs:read');
  const canWrite = can(principal.role, 'runs:write');
  const raw = await searchParams;
  const query = ZQuery.parse({ status: first(raw.status), flowId: first(raw.flowId), cursor: first(raw.cursor) });
  const [page, flows] = await Promise.all([
    listRuns({ ...query, limit: 25 }).catch(() => listRuns({ status: query.status, flowId: query.flowId, limit: 25 })),
    listFlows(),
  ]);
  const filtered = Boolean(query.status || query.flowId);
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every run of every flow, newest first. Each run is pinned to the flow version it started with."
        actions={<AutoRefresh enabled={!query.cursor} />}
      />
      <Card>
        <form method="get" action="/runs" className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-3" data-testid="runs-filter">
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Status
            <AutoSubmitSelect name="status" defaultValue={query.status ?? ''}>
              <option value="">All statuses</option>
              {RUN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </AutoSubmitSelect>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Flow
            <AutoSubmitSelect name="flowId" defaultValue={query.flowId ?? ''}>
              <option value="">All flows</option>
              {flows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </AutoSubmitSelect>
          </label>
          <noscript>
            <button type="submit" className="rounded-md border border-slate-300 px-2.5 py-1 text-sm">
              Filter
            </button>
          </noscript>
          {filtered && (
            <Link href="/runs" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          )}
        </form>

        {page.items.length === 0 ? (
          <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title={filtered ? 'No runs match these filters' : 'No runs yet'}>
            {filtered
              ? 'Try another status or flow.'
              : 'When an enabled flow picks up a new alert, its run appears here within seconds.'}
          </EmptyState>
        ) : (
          canWrite ? (
            <BulkRunActions resubmit={bulkResubmitAction}>
              <RunsTable runs={page.items} now={now} selectable />
            </BulkRunActions>
          ) : (
            <RunsTable runs={page.items} now={now} />
          )
        )}

        {(query.cursor || page.nextCursor) && (
          <nav className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm" aria-label="Pagination">
            {query.cursor ? (
              <Link href={href({ status: query.status, flowId: query.flowId })} className="font-medium text-indigo-600 hover:text-indigo-500">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link
                href={href({ status: query.status, flowId: query.flowId, cursor: page.nextCursor })}
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
