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
import { RunLive } from '@/components/runs/run-live';
import { RunView } from '@/components/runs/run-view';
import { StepList } from '@/components/runs/step-list';
import { errorView } from '@/components/runs/step-error';
import { MitreTechniques } from '@/components/runs/mitre-techniques';
import { runTitle, triggerKindLabel, versionLabel } from '@/components/runs/trigger-kind';
import { stepViewStatus } from '@/components/runs/step-status';

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

function Field({ label, children, testId, wrap = false, className = '' }: { label: string; children: ReactNode; testId?: string; wrap?: boolean; className?: string }) {
  return (
    <div className={`min-w-0 ${className}`}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={`mt-1 text-sm text-slate-900 ${wrap ? 'break-words' : 'truncate'}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** "09:27:29 UTC" over its date, so a timestamp fits a narrow column without being cut. */
function Time({ iso }: { iso: string | null }) {
  const text = formatUtc(iso);
  if (text === '—') return <>—</>;
  return (
    <>
      <span className="tabular-nums">{text.slice(11)}</span>
      <span className="block text-xs text-slate-500 tabular-nums">{text.slice(0, 10)}</span>
    </>
  );
}

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePage('runs:read');
  const { id } = await params;
  const run = await loadRun(id);
  // The list summary is computed at run creation; fall back to the alert itself for older rows.
  const alert = { ...summariseAlert(run.trigger), ...(run.summary ?? {}) };
  const graph = toGraphData(run.graph);
  const labels = Object.fromEntries((graph?.nodes ?? []).map((n) => [n.id, n.label]));
  const terminal = TERMINAL_RUN_STATUSES.includes(run.status);
  const runError = errorView(run.error);
  const isSchedule = run.triggerKind === 'schedule' || (run.triggerKind === 'manual' && !alert.alertId && isTick(run.trigger));
  const tick = (isTick(run.trigger) ? run.trigger : {}) as { scheduledFor?: string; timezone?: string };
  const failedAt = runError?.nodeId && labels[runError.nodeId] !== undefined ? runError.nodeId : undefined;

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
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono text-xs text-slate-500" data-testid="run-id">
              Run {run.id}
            </span>
            <span className="text-xs text-slate-500">
              <Link href={`/flows/${run.flowId}`} className="text-indigo-600 hover:text-indigo-500">
                {run.flowName}
              </Link>{' '}
              {versionLabel(run.flowVersion)}
            </span>
          </span>
        }
        actions={
          <>
            <RunLive runId={run.id} version={run.version} active={!terminal} />
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
        <div role="alert" className="mb-6 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <Icon name="alert" className="mt-0.5 h-4 w-4 shrink-0 text-red-600" />
          <p className="min-w-0">
            <span className="font-semibold">{run.status === 'cancelled' ? 'The run was cancelled' : run.status === 'running' ? 'A step failed and is being retried' : 'The run failed'}</span>
            {runError.nodeId && (
              <>
                {' '}
                at <span className="font-medium">{labels[runError.nodeId] || runError.nodeId}</span>
              </>
            )}
            : <code className="font-mono text-xs font-semibold">{runError.code}</code> {runError.message}
          </p>
        </div>
      )}

      <div className="mb-6 grid items-start gap-6 lg:grid-cols-5">
        {isSchedule ? (
          <Card className="lg:col-span-3">
            <CardHeader title="Schedule" />
            <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-4 sm:grid-cols-2">
              <Field label="Scheduled for" testId="run-scheduled-for">
                {formatUtc(tick.scheduledFor ?? run.scheduledFor)}
              </Field>
              <Field label="Time zone">{tick.timezone ?? '—'}</Field>
            </dl>
          </Card>
        ) : (
          <Card className="lg:col-span-3" >
            <CardHeader
              title="Alert"
              actions={
                run.alertUrl ? (
                  <a
                    href={run.alertUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50"
                    data-testid="run-alert-link"
                  >
                    Open in Defender
                    <Icon name="external-link" className="h-3.5 w-3.5" />
                  </a>
                ) : undefined
              }
            />
            <dl className="grid grid-cols-1 gap-x-8 gap-y-4 px-5 py-4 sm:grid-cols-2" data-testid="run-alert-summary">
              <Field label="Title" wrap className="sm:col-span-2">
                {alert.title ?? '—'}
              </Field>
              <Field label="Severity" testId="run-severity">
                {alert.severity ? <SeverityBadge severity={alert.severity} /> : '—'}
              </Field>
              <Field label="Machine">
                <span title={alert.machineId}>{alert.computerDnsName ?? alert.machineId ?? '—'}</span>
                {alert.computerDnsName && alert.machineId && <span className="block truncate font-mono text-xs text-slate-500">{alert.machineId}</span>}
              </Field>
              <Field label="MITRE techniques" wrap testId="run-mitre">
                <MitreTechniques techniques={run.mitreTechniques} />
              </Field>
              <Field label="Alert ID">
                <span className="font-mono text-xs" title={alert.alertId}>
                  {alert.alertId ?? '—'}
                </span>
              </Field>
            </dl>
            {run.trigger !== null && run.trigger !== undefined && (
              <details className="border-t border-slate-200 px-5 py-3">
                <summary className="cursor-pointer text-xs font-medium text-indigo-600 select-none hover:text-indigo-500">Raw alert (trigger data)</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">{prettyJson(run.trigger)}</pre>
              </details>
            )}
          </Card>
        )}

        <Card className="lg:col-span-2">
          <CardHeader title="Run" />
          <dl className="grid grid-cols-2 gap-x-6 gap-y-4 px-5 py-4">
            <Field label="Trigger" testId="run-trigger">
              {triggerKindLabel(run.triggerKind)}
              {run.startedBy && <span className="block truncate text-xs text-slate-500">by {run.startedBy}</span>}
            </Field>
            <Field label="Duration">
              <span className="tabular-nums">{formatDuration(run.durationMs)}</span>
            </Field>
            <Field label="Created">
              <Time iso={run.createdAt} />
            </Field>
            <Field label="Started">
              <Time iso={run.startedAt} />
            </Field>
            <Field label="Finished">
              <Time iso={run.finishedAt} />
            </Field>
            <Field label="Attempts">{run.attempts}</Field>
            {run.resubmittedFromId && (
              <Field label="Resubmitted from">
                <Link href={`/runs/${run.resubmittedFromId}`} className="font-mono text-xs text-indigo-600 hover:text-indigo-500" data-testid="run-resubmitted-from">
                  {run.resubmittedFromId.slice(0, 8)}…
                </Link>
              </Field>
            )}
          </dl>
          {isSchedule && run.trigger !== null && run.trigger !== undefined && (
            <details className="border-t border-slate-200 px-5 py-3">
              <summary className="cursor-pointer text-xs font-medium text-indigo-600 select-none hover:text-indigo-500">Trigger data</summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">{prettyJson(run.trigger)}</pre>
            </details>
          )}
        </Card>
      </div>

      <RunView
        graph={graph}
        graphTitle={run.flowVersion < 0 ? 'Draft (test run)' : `Flow version ${run.flowVersion}`}
        steps={run.steps}
        runStatus={run.status}
        runStart={run.startedAt ?? run.createdAt}
        runEnd={terminal ? (run.finishedAt ?? run.startedAt ?? run.createdAt) : null}
        renderedAt={new Date().toISOString()}
        failedNodeId={failedAt}
      />

      <Card>
        <CardHeader title="Step log" actions={<span className="text-xs text-slate-500">In execution order, every loop item</span>} />
        {run.steps.length === 0 ? (
          <EmptyState icon={<Icon name="runs" className="h-5 w-5" />} title={terminal ? 'No steps were recorded' : 'Waiting for a worker'}>
            {terminal ? 'The run ended before any step ran.' : 'Steps appear here as the worker executes them.'}
          </EmptyState>
        ) : (
          <StepList steps={run.steps.map((s) => ({ ...s, status: stepViewStatus(s.status, run.status) }))} labels={labels} graph={graph} />
        )}
      </Card>
    </>
  );
}
