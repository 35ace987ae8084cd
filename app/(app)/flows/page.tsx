import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { FLOW_LAST_STATUSES, listFlowsWithStats } from '@/server/services/flow-list';
import { NODE_CATALOG } from '@/core/catalog';
import { can } from '@/server/auth/roles';
import { requirePage } from '../../_lib/auth';
import { isDemoMode } from '../../_lib/demo';
import { Card, EmptyState, PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/time';
import { Icon } from '@/components/ui/icon';
import { FlowToggle } from '@/components/flows/flow-toggle';
import { VersionBadge } from '@/components/flows/version-badge';
import { RaiseAlertForm } from '@/components/flows/raise-alert-form';
import { triggerLabel } from '@/components/flows/trigger-label';
import { SuccessSparkline } from '@/components/flows/success-sparkline';
import { AutoSubmitSelect } from '@/components/ui/auto-submit-select';
import { raiseTestAlertAction, setFlowEnabledAction } from './actions';

export const metadata: Metadata = { title: 'Flows' };

const TRIGGER_TYPES = Object.values(NODE_CATALOG).filter((d) => d.kind === 'trigger');

const LAST_STATUS_LABELS: Record<(typeof FLOW_LAST_STATUSES)[number], string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  never: 'Never run',
};

// Unknown or malformed query values are dropped rather than turned into an error page.
const ZQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  enabled: z.enum(['on', 'off']).optional().catch(undefined),
  triggerType: z.string().max(100).optional().catch(undefined),
  lastStatus: z.enum(FLOW_LAST_STATUSES).optional().catch(undefined),
});

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function FlowsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePage('flows:read');
  const canWrite = can(principal.role, 'flows:write');
  const raw = await searchParams;
  const query = ZQuery.parse({ q: first(raw.q), enabled: first(raw.enabled), triggerType: first(raw.triggerType), lastStatus: first(raw.lastStatus) });
  const filtered = Boolean(query.q || query.enabled || query.triggerType || query.lastStatus);
  const [flows, demo] = await Promise.all([listFlowsWithStats(query), isDemoMode()]);
  const showDemo = demo && can(principal.role, 'demo:use');
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Flows"
        description="Each flow runs on every new Defender alert while it is switched on. Runs always use the latest published version."
        actions={
          canWrite && (
            <Link
              href="/flows/new"
              data-testid="new-flow"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500"
            >
              New flow
            </Link>
          )
        }
      />
      {showDemo && (
        <Card className="mb-6">
          <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
            <div>
              <p className="text-sm font-semibold text-slate-900">Demo tenant</p>
              <p className="mt-0.5 text-sm text-slate-500">Raise a simulated Defender alert; enabled flows pick it up on the next poll.</p>
            </div>
            <RaiseAlertForm raise={raiseTestAlertAction} />
          </div>
        </Card>
      )}
      <Card>
        {/* Keyed by the query so "Clear filters" (a client navigation) resets the fields too. */}
        <form key={JSON.stringify(query)} method="get" action="/flows" role="search" className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-3" data-testid="flows-filter">
          <label className="relative flex items-center">
            <span className="sr-only">Search flows by name</span>
            <Icon name="search" className="pointer-events-none absolute left-2.5 h-4 w-4 text-slate-400" />
            <input
              type="search"
              name="q"
              defaultValue={query.q ?? ''}
              placeholder="Search by name"
              className="w-48 rounded-md border border-slate-300 bg-white py-1.5 pr-2.5 pl-8 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
            />
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Switch
            <AutoSubmitSelect name="enabled" defaultValue={query.enabled ?? ''}>
              <option value="">On and off</option>
              <option value="on">On</option>
              <option value="off">Off</option>
            </AutoSubmitSelect>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Trigger
            <AutoSubmitSelect name="triggerType" defaultValue={query.triggerType ?? ''} className="max-w-48">
              <option value="">All triggers</option>
              {TRIGGER_TYPES.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.title}
                </option>
              ))}
            </AutoSubmitSelect>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Last run
            <AutoSubmitSelect name="lastStatus" defaultValue={query.lastStatus ?? ''}>
              <option value="">Any status</option>
              {FLOW_LAST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {LAST_STATUS_LABELS[s]}
                </option>
              ))}
            </AutoSubmitSelect>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
            Search
          </button>
          {filtered && (
            <Link href="/flows" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          )}
        </form>
        {flows.length === 0 ? (
          filtered ? (
            <EmptyState icon={<Icon name="search" className="h-5 w-5" />} title="No flows match these filters">
              Try another name or clear the filters.
            </EmptyState>
          ) : (
            <EmptyState icon={<Icon name="flows" className="h-5 w-5" />} title="No flows yet">
              Flows you create or import appear here. In demo mode, Riposte starts with the template “Isolate device on High severity alert”.
            </EmptyState>
          )
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-5 py-2.5">Flow</th>
                  <th scope="col" className="px-5 py-2.5">Trigger</th>
                  <th scope="col" className="px-5 py-2.5">Owner</th>
                  <th scope="col" className="px-5 py-2.5">Last run</th>
                  <th scope="col" className="px-5 py-2.5">Last 7 days</th>
                  <th scope="col" className="px-5 py-2.5 text-right">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {flows.map((flow) => (
                  <tr key={flow.id} data-testid="flow-row" data-flow-id={flow.id} className="align-top hover:bg-slate-50/60">
                    <td className="max-w-md px-5 py-4">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={`/flows/${flow.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                          {flow.name}
                        </Link>
                        <VersionBadge publishedVersion={flow.publishedVersion} />
                      </div>
                      {flow.description && <p className="mt-0.5 line-clamp-2 text-slate-500">{flow.description}</p>}
                    </td>
                    <td className="px-5 py-4 text-slate-600">{triggerLabel(flow.triggerType)}</td>
                    <td className="px-5 py-4 text-slate-600" data-testid="flow-owner">
                      {flow.owner ? (
                        <span title={flow.owner.email} className="block max-w-44 truncate">
                          {flow.owner.name || flow.owner.email}
                        </span>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className="px-5 py-4">
                      {flow.lastRun ? (
                        <Link href={`/runs/${flow.lastRun.id}`} className="flex flex-col items-start gap-1 hover:opacity-80">
                          <StatusBadge status={flow.lastRun.status} />
                          <span className="text-xs text-slate-500">
                            <RelativeTime iso={flow.lastRun.createdAt} now={now} />
                          </span>
                        </Link>
                      ) : (
                        <span className="text-slate-400">Never run</span>
                      )}
                    </td>
                    <td className="px-5 py-4">
                      <SuccessSparkline stats={flow.stats} />
                    </td>
                    <td className="px-5 py-4">
                      <FlowToggle
                        flowId={flow.id}
                        flowName={flow.name}
                        enabled={flow.enabled}
                        published={flow.publishedVersion !== null}
                        canWrite={canWrite}
                        setEnabled={setFlowEnabledAction}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="border-t border-slate-200 px-5 py-2.5 text-xs text-slate-500" data-testid="flows-count">
              {flows.length} flow{flows.length === 1 ? '' : 's'}
              {filtered ? (flows.length === 1 ? ' matches these filters' : ' match these filters') : ''}
            </p>
          </div>
        )}
      </Card>
    </>
  );
}
