// /system: what this installation is doing (issue 8), for admins (system:read). The figures are
// those of /api/metrics, read through the same code (server/metrics/readers.ts).
import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePage } from '../../_lib/auth';
import { POLL_STALE_INTERVALS, systemOverview } from '@/server/metrics/system-overview';
import { webQueues, webRedis } from '@/server/queue/web-queues';
import { PageHeader } from '@/components/ui/page-header';
import { SystemSummary } from '@/components/system/system-summary';
import { SystemSection } from '@/components/system/system-section';
import { WorkersTable } from '@/components/system/workers-table';
import { QueuesTable } from '@/components/system/queues-table';
import { PollLagTable } from '@/components/system/poll-lag-table';
import { RunsTable } from '@/components/system/runs-table';
import { StepsTable } from '@/components/system/steps-table';
import { CountersPanel } from '@/components/system/counters-panel';
import { formatUtc } from '@/components/ui/format';
import type { SystemView } from '@/components/system/types';

export const metadata: Metadata = { title: 'System' };
export const dynamic = 'force-dynamic';

export default async function SystemPage() {
  await requirePage('system:read');
  const view: SystemView = await systemOverview({ queues: webQueues(), redis: webRedis() });
  const now = Date.parse(view.generatedAt);

  return (
    <div className="max-w-6xl">
      <PageHeader
        title="System"
        description="Workers, queues and alert polling, with the figures /api/metrics exports. Times are UTC."
        actions={
          <>
            <span className="text-sm text-slate-500" data-testid="system-version">
              Riposte <span className="font-medium text-slate-800">{view.version}</span> · Node {view.nodeVersion}
            </span>
            <Link href="/system" prefetch={false} className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
              Refresh
            </Link>
          </>
        }
      />
      <SystemSummary view={view} />
      <div className="space-y-6">
        <SystemSection
          id="workers"
          title="Worker processes"
          description={`Each worker process writes a heartbeat every few seconds and deletes it when it stops cleanly. Stale: no heartbeat for over ${view.workerSeenWithinSeconds} s (readiness no longer counts it); rows are removed after a day.`}
          section={view.workers}
          empty={{ icon: 'runs', title: 'No worker process is running', hint: <>Runs stay queued until one starts: run <code className="font-mono text-xs">npm run worker</code> (or the image&apos;s worker command).</> }}
        >
          {(rows) => <WorkersTable rows={rows} now={now} />}
        </SystemSection>

        <SystemSection
          id="queues"
          title="Queues"
          metrics={['riposte_queue_jobs', 'riposte_queue_oldest_waiting_seconds']}
          description="BullMQ jobs in Redis by state. A growing waiting count or an old waiting job means the workers cannot keep up; failed jobs are kept for inspection."
          section={view.queues}
          empty={{ icon: 'database', title: 'No queues' }}
        >
          {(rows) => <QueuesTable rows={rows} />}
        </SystemSection>

        <SystemSection
          id="polling"
          title="Alert polling per tenant"
          metrics={['riposte_poll_lag_seconds']}
          description={`Lag is now minus the newest alert polling has seen (the watermark), so it also grows while a tenant raises no alerts; "Last polled" tells a quiet tenant from polling that stopped (stalled: nothing for ${POLL_STALE_INTERVALS} poll intervals of ${view.pollIntervalSeconds} s, at least a minute).`}
          section={view.pollLag}
          empty={{ icon: 'plug', title: 'No Defender connection', hint: <>Add one under <Link href="/connections" className="font-medium text-indigo-600 hover:text-indigo-500">Connections</Link> to start polling alerts.</> }}
        >
          {(rows) => <PollLagTable rows={rows} now={now} />}
        </SystemSection>

        <SystemSection
          id="counters"
          title="Worker counters"
          description="Counted by the workers in Redis since it last started: Defender responses (429 is throttling), Riposte's own rate limiter, and the runs the reconciler put back on the queue or the reaper ended. Each card names its Prometheus counter."
          section={view.counters}
          empty={{ icon: 'bolt', title: 'No counters' }}
        >
          {(rows) => <CountersPanel counters={rows} />}
        </SystemSection>

        <SystemSection
          id="runs"
          title="Runs by flow"
          metrics={['riposte_runs']}
          description="Runs the database holds per flow and status (finished runs are pruned after the retention period)."
          section={view.runs}
          empty={{ icon: 'runs', title: 'No runs yet', hint: 'Runs appear here once a flow is triggered.' }}
        >
          {(rows) => <RunsTable rows={rows} />}
        </SystemSection>

        <SystemSection
          id="steps"
          title={`Step durations, last ${view.stepWindowHours} h`}
          metrics={['riposte_step_duration_seconds']}
          description="Finished steps by node type. The 95 % figure is the histogram bucket bound under which 95 % of them finished."
          section={view.steps}
          empty={{ icon: 'clock', title: `No step finished in the last ${view.stepWindowHours} h`, hint: 'Durations appear as runs execute their steps.' }}
        >
          {(rows) => <StepsTable rows={rows} />}
        </SystemSection>
      </div>
      <p className="mt-6 text-xs text-slate-500" data-testid="system-generated-at">
        Read at {formatUtc(view.generatedAt)}. Prometheus scrapes the same figures at <code className="font-mono">/api/metrics</code> with the <code className="font-mono">RIPOSTE_METRICS_TOKEN</code> bearer token.
      </p>
    </div>
  );
}
