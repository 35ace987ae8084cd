import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getRun, summariseAlert } from '@/server/services/runs';
import { isServiceError } from '@/server/services/errors';
import { requirePage } from '../../../_lib/auth';
import { can } from '@/server/auth/roles';
import { RunActions } from '@/components/runs/run-actions';
import { cancelRunAction, resubmitRunAction, retryRunAction } from '../actions';
import { toGraphData } from '../../../_lib/graph';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/page-header';
import { SeverityBadge, StatusBadge, TERMINAL_RUN_STATUSES } from '@/components/ui/badge';
import { formatDuration, formatUtc, prettyJson } from '@/components/ui/format';
import { Icon } from '@/components/ui/icon';
import { FlowGraph } from '@/components/flow-graph/flow-graph';
import { AutoRefresh } from '@/components/runs/auto-refresh';
import { StepList } from '@/components/runs/step-list';
import { errorView } from '@/components/runs/step-error';
import { runTitle, triggerKindLabel, versionLabel } from '@/components/runs/trigger-kind';
import { statusByNode as aggregateStatus } from '@/components/runs/step-groups';

export const metadata: Metadata = { title: 'Run' };

async function loadRun(id: string) {
  try {
    return await getRun(id);
  } catch (e) {
    if (isServiceError(e) && e.status === 404) notFound();
    throw e;
  }
}

/** Trigger data of a schedule tick: { scheduledFor, firedAt, timezone }. */
function isTick(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'scheduledFor' in data && 'timezone' in data;
}

function Field({ label, children, testId, wrap = false }: { label: string; children: ReactNode; testId?: string; wrap?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={`mt-1 text-sm text-slate-900 ${wrap ? 'break-words' : 'truncate'}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePage('runs:read');
  const { id } = await params;
  const run = await loadRun(id);
  // The list summary is computed at run creation; fall back to the alert itself for older rows.
  const alert = { ...summariseAlert(run.trigger), ...(run.summary ?? {}) };
  const graph = toGraphData(run.graph);
  // Steps inside a loop have one row per item: the graph shows one status per node.
  const statusByNode = aggregateStatus(run.steps);
  const labels = Object.fromEntries((graph?.nodes ?? []).map((n) => [n.id, n.label]));
  const terminal = TERMINAL_RUN_STATUSES.includes(run.status);
  const runError = errorView(run.error);
  const isSchedule = run.triggerKind === 'schedule' || (run.triggerKind === 'manual' && !alert.alertId && isTick(run.trigger));
  const tick = (isTick(run.trigger) ? run.trigger : {}) as { scheduledFor?: string; timezone?: string };

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/runs" className="hover:text-slate-700">
            Runs
          </Link>
        }
        title={<span data-testid="run-alert-title">{runTitle({ triggerKind: run.triggerKind, summary: alert })}</span>}
        description={
          <span className="font-mono text-xs text-slate-500" data-testid="run-id">
            Run {run.id}
          </span>
        }
        actions={
          <>
            <AutoRefresh enabled={!terminal} />
            <span data-testid="run-status" data-status={run.status}>
              <StatusBadge status={run.status} />
            </span>
            <RunActions
              runId={run.id}
              status={run.status}
              canWrite={can(principal.role, 'runs:write')}
              cancel={cancelRunAction}
              resubmit={resubmitRunAction}
              retry={retryRunAction}
            />
          </>
        }
      />

      {runError && (
        <p role="alert" className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <span className="font-semibold">{run.status === 'cancelled' ? 'The run was cancelled' : 'The run failed'}</span>
          {runError.nodeId && (
            <>
              {' '}
              at <code className="font-mono">{runError.nodeId}</code>
            </>
          )}
          : <code className="font-mono text-xs">{runError.code}</code> {runError.message}
        </p>
      )}

      <Card className="mb-6">
        <CardHeader title={isSchedule ? 'Schedule' : 'Alert'} actions={isSchedule ? undefined : <SeverityBadge severity={alert.severity} />} />
        <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-4 sm:grid-cols-2 xl:grid-cols-4">
          <Field label="Trigger" testId="run-trigger">
            {triggerKindLabel(run.triggerKind)}
            {run.startedBy && <span className="block truncate text-xs text-slate-500">by {run.startedBy}</span>}
          </Field>
          {isSchedule ? (
            <>
              <Field label="Scheduled for" testId="run-scheduled-for">
                {formatUtc(tick.scheduledFor ?? run.scheduledFor)}
              </Field>
              <Field label="Time zone">{tick.timezone ?? '—'}</Field>
            </>
          ) : (
            <>
          <Field label="Severity" testId="run-severity">
            {alert.severity ?? '—'}
          </Field>
          <Field label="Machine">
            <span title={alert.machineId}>{alert.computerDnsName ?? alert.machineId ?? '—'}</span>
            {alert.computerDnsName && alert.machineId && <span className="block truncate font-mono text-xs text-slate-500">{alert.machineId}</span>}
          </Field>
          <Field label="Alert ID">
            <span className="font-mono text-xs" title={alert.alertId}>
              {alert.alertId ?? '—'}
            </span>
          </Field>
            </>
          )}
          <Field label="Flow" wrap>
            <Link href={`/flows/${run.flowId}`} className="text-indigo-600 hover:text-indigo-500">
              {run.flowName}
            </Link>{' '}
            <span className="text-slate-500">{versionLabel(run.flowVersion)}</span>
          </Field>
          {run.resubmittedFromId && (
            <Field label="Resubmitted from">
              <Link href={`/runs/${run.resubmittedFromId}`} className="font-mono text-xs text-indigo-600 hover:text-indigo-500" data-testid="run-resubmitted-from">
                {run.resubmittedFromId.slice(0, 8)}…
              </Link>
            </Field>
          )}
          <Field label="Created">{formatUtc(run.createdAt)}</Field>
          <Field label="Started">{formatUtc(run.startedAt)}</Field>
          <Field label="Finished">{formatUtc(run.finishedAt)}</Field>
          <Field label="Duration">{formatDuration(run.durationMs)}</Field>
        </dl>
        {run.trigger !== null && run.trigger !== undefined && (
          <details className="border-t border-slate-200 px-5 py-3">
            <summary className="cursor-pointer text-xs font-medium text-indigo-600 select-none hover:text-indigo-500">{isSchedule ? 'Trigger data' : 'Raw alert (trigger data)'}</summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">
              {prettyJson(run.trigger)}
            </pre>
          </details>
        )}
      </Card>

      <Card className="mb-6 overflow-hidden">
        <CardHeader title={run.flowVersion < 0 ? 'Draft (test run)' : `Flow version ${run.flowVersion}`} actions={<GraphLegend />} />
        {graph ? (
          <FlowGraph graph={graph} statusByNode={statusByNode} height={360} />
        ) : (
          <p className="px-5 py-10 text-center text-sm text-slate-500">The pinned graph could not be read.</p>
        )}
      </Card>

      <Card>
        <CardHeader title="Steps" actions={<span className="text-xs text-slate-500">In execution order</span>} />
        {run.steps.length === 0 ? (
          <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title={terminal ? 'No steps were recorded' : 'Waiting for a worker'}>
            {terminal ? 'The run ended before any step ran.' : 'Steps appear here as the worker executes them.'}
          </EmptyState>
        ) : (
          <StepList steps={run.steps} labels={labels} graph={graph} />
        )}
      </Card>
    </>
  );
}

function GraphLegend() {
  const items = [
    ['bg-emerald-500', 'Succeeded'],
    ['bg-red-500', 'Failed'],
    ['bg-sky-500', 'Running'],
    ['bg-amber-500', 'Waiting'],
    ['bg-slate-300', 'Skipped'],
  ] as const;
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-500">
      {items.map(([dot, label]) => (
        <li key={label} className="flex items-center gap-1.5">
          <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
