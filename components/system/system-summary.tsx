// The four headline figures above the sections: are workers alive, is work piling up, is alert
// polling current. Each reads "—" when its section could not be read (the section says why).
import { StatCard } from '../dashboard/stat-card';
import { formatAge, formatCount } from './format';
import type { SystemView } from './types';

export function SystemSummary({ view }: { view: SystemView }) {
  const workers = view.workers.ok ? view.workers.data : null;
  const alive = workers?.filter((w) => !w.stale).length ?? 0;
  const stale = workers ? workers.length - alive : 0;
  const runsQueue = view.queues.ok ? view.queues.data.find((q) => q.queue === 'runs') : undefined;
  const failedJobs = view.queues.ok ? view.queues.data.reduce((n, q) => n + q.counts.failed, 0) : null;
  const polled = view.pollLag.ok ? view.pollLag.data.filter((c) => c.lagSeconds !== null) : null;
  const stalled = view.pollLag.ok ? view.pollLag.data.filter((c) => c.pollingStalled).length : 0;
  const lastPoll = polled && polled.length > 0 ? polled.map((c) => c.polledAt ?? '').sort().at(-1) : undefined;
  const sinceLastPoll = lastPoll ? (Date.parse(view.generatedAt) - Date.parse(lastPoll)) / 1000 : 0;
  return (
    <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <StatCard
        testId="stat-workers"
        label="Workers alive"
        value={workers ? formatCount(alive) : '—'}
        detail={
          workers === null ? (
            'Heartbeats could not be read'
          ) : alive === 0 ? (
            <span className="text-red-700">No worker has beaten in the last {view.workerSeenWithinSeconds} s: runs are not executing</span>
          ) : stale > 0 ? (
            <span className="text-amber-700">{stale} stale (no heartbeat for over {view.workerSeenWithinSeconds} s)</span>
          ) : (
            `Heartbeat within the last ${view.workerSeenWithinSeconds} s`
          )
        }
      />
      <StatCard
        testId="stat-runs-waiting"
        label="Runs waiting"
        value={runsQueue ? formatCount(runsQueue.counts.waiting + runsQueue.counts.prioritized) : '—'}
        detail={runsQueue ? (runsQueue.oldestWaitingSeconds > 0 ? `Oldest waiting ${formatAge(runsQueue.oldestWaitingSeconds)}` : 'Nothing waits for a worker') : 'Queues could not be read'}
      />
      <StatCard
        testId="stat-failed-jobs"
        label="Failed jobs"
        value={failedJobs === null ? '—' : formatCount(failedJobs)}
        detail={failedJobs === null ? 'Queues could not be read' : failedJobs > 0 ? <span className="text-red-700">Kept in Redis for inspection; the reconciler retries their runs</span> : 'Across all four queues'}
      />
      <StatCard
        testId="stat-polling"
        label="Alert polling"
        value={polled === null ? '—' : stalled > 0 ? `${stalled} stalled` : polled.length === 0 ? 'Not yet' : 'Current'}
        detail={
          polled === null ? (
            'Poll state could not be read'
          ) : lastPoll ? (
            <span className={stalled > 0 ? 'text-amber-700' : undefined}>
              Last poll {sinceLastPoll < 5 ? 'just now' : `${formatAge(sinceLastPoll)} ago`} · every {view.pollIntervalSeconds} s
            </span>
          ) : (
            'No Defender connection has been polled'
          )
        }
      />
    </div>
  );
}
