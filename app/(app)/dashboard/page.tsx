import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { requirePage } from '../../_lib/auth';
import {
  containmentTimes,
  DASHBOARD_RANGES,
  pendingApprovals,
  rangeSpec,
  runsOverTime,
  runTotals,
  topFailingFlows,
  type DashboardRange,
} from '@/server/services/dashboard';
import { defenderQuota } from '@/server/services/defender-quota';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { RelativeTime } from '@/components/ui/time';
import { RangeSelector } from '@/components/dashboard/range-selector';
import { StatCard } from '@/components/dashboard/stat-card';
import { RunsChart } from '@/components/dashboard/runs-chart';
import { QuotaPanel } from '@/components/dashboard/quota-panel';
import { formatSpan } from '@/components/dashboard/format';

export const metadata: Metadata = { title: 'Dashboard' };

const RANGE_TEXT: Record<DashboardRange, string> = { '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days' };

const ZQuery = z.object({ range: z.enum(DASHBOARD_RANGES).catch('7d') });

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage('runs:read');
  const raw = await searchParams;
  const { range } = ZQuery.parse({ range: Array.isArray(raw.range) ? raw.range[0] : raw.range });
  const now = new Date();
  const spec = rangeSpec(range, now);
  const [buckets, totals, containment, failing, approvals, quota] = await Promise.all([
    runsOverTime(spec),
    runTotals(spec),
    containmentTimes(spec),
    topFailingFlows(spec),
    pendingApprovals(),
    defenderQuota(),
  ]);
  const finished = totals.succeeded + totals.failed + totals.timed_out;
  const successRate = finished === 0 ? null : Math.round((totals.succeeded / finished) * 100);
  const failures = totals.failed + totals.timed_out;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`How Riposte handled Defender alerts in ${RANGE_TEXT[range]}. Times are UTC.`}
        actions={<RangeSelector current={range} />}
      />

      <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          testId="stat-runs"
          label="Runs"
          value={totals.total.toLocaleString('en-US')}
          detail={
            successRate === null ? (
              'No finished runs'
            ) : (
              <>
                <span className={successRate >= 95 ? 'text-emerald-700' : successRate >= 80 ? 'text-amber-700' : 'text-red-700'}>{successRate}% succeeded</span>
                {' · '}
                {failures.toLocaleString('en-US')} failed or timed out
              </>
            )
          }
        />
        <StatCard testId="stat-alerts" label="Alerts handled" value={totals.alertsHandled.toLocaleString('en-US')} detail="Distinct Defender alerts that started a run" />
        <StatCard
          testId="stat-mttr"
          label="Time to containment"
          value={formatSpan(containment.medianMs)}
          detail={
            containment.alerts === 0
              ? 'No device contained in this range'
              : `Median · p95 ${formatSpan(containment.p95Ms)} · ${containment.alerts} alert${containment.alerts === 1 ? '' : 's'} contained`
          }
        />
        <StatCard
          testId="stat-approvals"
          label="Pending approvals"
          value={approvals.count.toLocaleString('en-US')}
          href="/approvals"
          detail={approvals.oldest[0] ? <>Oldest asked <RelativeTime iso={approvals.oldest[0].requestedAt} now={now.getTime()} /></> : 'Nothing waiting for a decision'}
        />
      </div>

      <Card className="mb-6">
        <CardHeader title="Runs by status" actions={<span className="text-xs text-slate-500">per {spec.bucket === 'hour' ? 'hour' : 'day'}, UTC</span>} />
        {totals.total === 0 ? (
          <div data-testid="runs-chart-empty">
            <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title={`No runs in ${RANGE_TEXT[range]}`}>
              Runs appear here as switched-on flows pick up alerts.{' '}
              <Link href="/flows" className="font-medium text-indigo-600 hover:text-indigo-500">
                Go to flows
              </Link>
            </EmptyState>
          </div>
        ) : (
          <div className="px-3 pt-4 pb-2">
            <RunsChart buckets={buckets} bucket={spec.bucket} />
          </div>
        )}
      </Card>

      <div className="mb-6 grid gap-6 xl:grid-cols-5">
        <Card className="xl:col-span-3">
          <CardHeader title="Top failing flows" actions={<span className="text-xs text-slate-500">failed or timed out</span>} />
          {failing.length === 0 ? (
            <EmptyState icon={<Icon name="check-circle" className="h-5 w-5" />} title="No failed runs">
              {totals.total === 0 ? `Nothing ran in ${RANGE_TEXT[range]}.` : `Every run in ${RANGE_TEXT[range]} succeeded, was cancelled or is still going.`}
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="failing-flows">
                <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2.5">Flow</th>
                    <th scope="col" className="px-5 py-2.5 text-right">Failures</th>
                    <th scope="col" className="px-5 py-2.5">Most common error</th>
                    <th scope="col" className="px-5 py-2.5">Last</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {failing.map((f) => (
                    <tr key={f.flowId} data-testid="failing-flow" className="align-top">
                      <td className="px-5 py-3">
                        <Link href={`/runs?flowId=${f.flowId}&status=failed`} className="font-medium text-slate-900 hover:text-indigo-600">
                          {f.flowName}
                        </Link>
                      </td>
                      <td className="px-5 py-3 text-right whitespace-nowrap tabular-nums">
                        <span className="font-semibold text-red-700">{f.failures}</span>
                        <span className="text-slate-500"> / {f.runs}</span>
                      </td>
                      <td className="max-w-sm px-5 py-3">
                        <span className="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-700 ring-1 ring-red-600/15 ring-inset">{f.topError.code}</span>
                        <span className="ml-1.5 text-xs text-slate-500">×{f.topError.count}</span>
                        {f.topError.message && <p className="mt-1 line-clamp-2 text-xs text-slate-600">{f.topError.message}</p>}
                      </td>
                      <td className="px-5 py-3 text-xs text-slate-500">
                        <RelativeTime iso={f.lastFailureAt} now={now.getTime()} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card className="xl:col-span-2">
          <CardHeader
            title="Pending approvals"
            actions={
              <Link href="/approvals" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                Open approvals →
              </Link>
            }
          />
          {approvals.oldest.length === 0 ? (
            <EmptyState icon={<Icon name="check-circle" className="h-5 w-5" />} title="Nothing waiting">
              Runs paused at an approval step show up here until someone decides.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="pending-approvals">
              {approvals.oldest.map((a) => (
                <li key={a.id} className="px-5 py-3">
                  <Link href={`/runs/${a.runId}`} className="text-sm font-medium text-slate-900 hover:text-indigo-600">
                    {a.title}
                  </Link>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {a.flowName} · asked <RelativeTime iso={a.requestedAt} now={now.getTime()} /> · decides itself at{' '}
                    <time dateTime={a.expiresAt}>{a.expiresAt.slice(0, 16).replace('T', ' ')} UTC</time>
                  </p>
                </li>
              ))}
              {approvals.count > approvals.oldest.length && (
                <li className="px-5 py-2.5 text-xs text-slate-500">and {approvals.count - approvals.oldest.length} more</li>
              )}
            </ul>
          )}
        </Card>
      </div>

      <Card>
        <CardHeader title="Defender API quota" actions={<span className="text-xs text-slate-500">calls granted by Riposte&apos;s shared limiter, all workers</span>} />
        {!quota.ok ? (
          <p className="m-5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="quota-unavailable">
            {quota.error} Runs still respect the limits; only this view is unavailable.
          </p>
        ) : quota.tenants.length === 0 ? (
          <EmptyState icon={<Icon name="shield-alert" className="h-5 w-5" />} title="No Defender connection">
            Quota usage appears once a Defender tenant is connected.
          </EmptyState>
        ) : (
          <QuotaPanel tenants={quota.tenants} />
        )}
      </Card>
    </>
  );
}
