'use client';
// The selected step of a run: what it is, how it went (status, attempts, timing), its error with
// code and message, a condition's trace, and its resolved input and output as collapsible JSON.
// Inside a loop a node has one row per item: the picker chooses which item to show.
import { getNodeType } from '@/core/catalog';
import { formatDuration, formatUtc } from '../ui/format';
import { Icon } from '../ui/icon';
import { ConditionTrace } from './condition-trace';
import { JsonViewer } from './json-viewer';
import type { StepDto } from '@/core/runs/step-dto';
import { errorView } from './step-error';
import { statusStyle, type NodeStatus } from './step-status';

/** What the inspector shows of a step: the run detail's StepDto without its order. */
export type InspectorStep = Omit<StepDto, 'seq'>;

interface StepInspectorProps {
  node: { id: string; type: string; label: string } | null;
  /** The node's status on the graph (covers nodes with no row: running now, not reached). */
  nodeStatus: NodeStatus | undefined;
  rows: InspectorStep[];
  iteration: string | null;
  onIteration: (iteration: string) => void;
  /** A for-each's "12/12 succeeded". */
  badge?: string;
}

function StatusChip({ status }: { status: string }) {
  const s = statusStyle(status === 'running' ? 'running' : status);
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium ${s.chip}`}>
      <span className={`h-1.5 w-1.5 rounded-full ${s.fill}`} aria-hidden="true" />
      {s.label}
    </span>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

const itemLabel = (iteration: string) => (iteration === '' ? 'Step' : `Item ${iteration.split('/').join(' › ')}`);

export function StepInspector({ node, nodeStatus, rows, iteration, onIteration, badge }: StepInspectorProps) {
  if (node === null) {
    return (
      <div className="flex h-full flex-col items-center justify-center px-6 py-12 text-center" data-testid="step-inspector">
        <span className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-slate-400">
          <Icon name="search" className="h-5 w-5" />
        </span>
        <p className="text-sm font-medium text-slate-700">Select a step</p>
        <p className="mt-1 text-sm text-slate-500">Click a node on the graph or a row of the timeline to see its input, output and errors.</p>
      </div>
    );
  }
  const def = getNodeType(node.type);
  const step = rows.find((r) => r.iteration === iteration) ?? rows[0];
  const error = step ? errorView(step.error) : null;
  const ran = step !== undefined && step.status !== 'skipped';
  const status = step?.status ?? nodeStatus ?? 'not_reached';
  return (
    <div className="divide-y divide-slate-100" data-testid="step-inspector" data-node-id={node.id} data-status={status}>
      <header className="flex items-start gap-3 px-5 py-4">
        <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600">
          <Icon name={def?.icon ?? 'box'} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-slate-900" data-testid="inspector-title">
            {node.label || node.id}
          </p>
          <p className="truncate text-xs text-slate-500">
            {def?.title ?? node.type} · <code className="font-mono">{node.id}</code>
          </p>
        </div>
        <StatusChip status={status} />
      </header>

      {rows.length > 1 && (
        <div className="flex flex-wrap items-center gap-2 px-5 py-3">
          <label htmlFor="inspector-item" className="text-xs font-medium text-slate-500">
            Loop item
          </label>
          <select
            id="inspector-item"
            value={step?.iteration ?? ''}
            onChange={(e) => onIteration(e.target.value)}
            className="rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 text-sm"
          >
            {rows.map((r) => (
              <option key={r.iteration} value={r.iteration}>
                {itemLabel(r.iteration)} · {statusStyle(r.status).label}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500">of {rows.length}</span>
        </div>
      )}

      {step === undefined ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          {nodeStatus === 'running'
            ? 'This step is running now; its input and output appear when it finishes.'
            : badge
              ? `This loop is still going: ${badge}.`
              : 'The run did not reach this step.'}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-3 px-5 py-4">
            <Fact label="Started">{ran ? formatUtc(step.startedAt).slice(11) : '—'}</Fact>
            <Fact label="Duration">{ran ? formatDuration(step.durationMs) : '—'}</Fact>
            <Fact label="Attempt">
              <span data-testid="inspector-attempts">{ran ? step.attempt : '—'}</span>
            </Fact>
            {badge && (
              <div className="col-span-3">
                <Fact label="Items">{badge}</Fact>
              </div>
            )}
          </dl>

          {error && (
            <div className="px-5 py-4">
              <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800" data-testid="inspector-error">
                <p className="font-mono text-xs font-semibold" data-testid="inspector-error-code">
                  {error.code}
                </p>
                <p className="mt-0.5 break-words">{error.message}</p>
                {step.status === 'running' && <p className="mt-1 text-xs text-red-700">This try failed; the step is retried.</p>}
              </div>
            </div>
          )}

          {step.type === 'control.condition' && step.status === 'succeeded' && (
            <div className="px-5 py-4">
              <h4 className="mb-1.5 text-xs font-medium tracking-wide text-slate-500 uppercase">Condition trace</h4>
              <ConditionTrace output={step.output} />
            </div>
          )}

          {ran ? (
            <div className="grid gap-4 px-5 py-4">
              <JsonViewer title="Input (resolved)" value={step.input} testId="inspector-input" />
              <JsonViewer title="Output" value={step.output} testId="inspector-output" />
            </div>
          ) : (
            <p className="px-5 py-6 text-sm text-slate-500">Skipped: the path to this step was not taken.</p>
          )}
        </>
      )}
    </div>
  );
}
