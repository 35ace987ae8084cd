// The steps of a run in execution order. Inputs/outputs come from Defender and the flow, so
// they are only ever rendered as text (pretty JSON in <pre>), never as HTML.
import { getNodeType } from '@/core/catalog';
import type { StepDto } from '@/core/runs/step-dto';
import { StatusBadge } from '../ui/badge';
import { formatDuration, prettyJson } from '../ui/format';
import { Icon } from '../ui/icon';
import { ConditionTrace } from './condition-trace';
import { errorView } from './step-error';
import { groupSteps, type StepTree } from './step-groups';

/** Items shown per loop; a long loop says how many more there are (the API has them all). */
const MAX_ITEMS_SHOWN = 100;

/** What the list shows of a step (the run detail's StepDto without its timestamps). */
export type StepView = Omit<StepDto, 'startedAt' | 'finishedAt'>;

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <p className="mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</p>
      <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">
        {prettyJson(value)}
      </pre>
    </div>
  );
}

interface GraphShape {
  nodes: { id: string; type: string }[];
  edges: { id: string; source: string; sourceHandle: string; target: string }[];
}

export function StepList({ steps, labels, graph = null }: { steps: StepView[]; labels: Record<string, string>; graph?: GraphShape | null }) {
  const tree = groupSteps(steps, graph);
  return (
    <ol className="divide-y divide-slate-100">
      {tree.map((node) => (
        <StepBranch key={`${node.step.nodeId}@${node.step.iteration}`} node={node} labels={labels} />
      ))}
    </ol>
  );
}

function StepBranch({ node, labels }: { node: StepTree<StepView>; labels: Record<string, string> }) {
  const items = node.items ?? [];
  return (
    <li data-testid="step-row" data-node-id={node.step.nodeId} data-iteration={node.step.iteration} data-status={node.step.status} className="px-5 py-3">
      <StepRow step={node.step} labels={labels} />
      {items.length > 0 && (
        <ol className="mt-2 ml-10 space-y-1.5" aria-label={`Items of ${labels[node.step.nodeId] || node.step.nodeId}`}>
          {items.slice(0, MAX_ITEMS_SHOWN).map((item) => (
            <li key={item.iteration} data-testid="loop-item" data-iteration={item.iteration} data-status={item.status}>
              <details open={item.status === 'failed'} className="rounded-md border border-slate-200 bg-slate-50/60">
                <summary data-testid="loop-item-summary" className="flex cursor-pointer items-center gap-3 px-3 py-1.5 text-xs select-none">
                  <span className="font-medium text-slate-700">Item {item.index}</span>
                  <StatusBadge status={item.status} />
                  <span className="text-slate-500">{stepsRan(item.steps.filter((s) => s.step.status !== 'skipped').length)}</span>
                </summary>
                <ol className="divide-y divide-slate-100 border-t border-slate-200 bg-white">
                  {item.steps.map((child) => (
                    <StepBranch key={`${child.step.nodeId}@${child.step.iteration}`} node={child} labels={labels} />
                  ))}
                </ol>
              </details>
            </li>
          ))}
          {items.length > MAX_ITEMS_SHOWN && (
            <li className="px-3 py-1 text-xs text-slate-500">… and {items.length - MAX_ITEMS_SHOWN} more items (all are in the run's API response).</li>
          )}
        </ol>
      )}
      {node.skippedBody !== undefined && (
        <p className="mt-1 ml-10 text-xs text-slate-500">Not run: {node.skippedBody.map((c) => labels[c.step.nodeId] || c.step.nodeId).join(', ')}</p>
      )}
    </li>
  );
}

const stepsRan = (n: number) => (n === 1 ? '1 step ran' : `${n} steps ran`);

function StepRow({ step, labels }: { step: StepView; labels: Record<string, string> }) {
        const def = getNodeType(step.type);
        const error = errorView(step.error);
        const ran = step.status !== 'skipped';
        return (
          <>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <span className="w-6 text-right font-mono text-xs text-slate-400 tabular-nums">{step.seq}</span>
              <span className="flex h-7 w-7 items-center justify-center rounded-md bg-slate-100 text-slate-600">
                <Icon name={def?.icon ?? 'box'} />
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{labels[step.nodeId] || step.nodeId}</p>
                <p className="truncate text-xs text-slate-500">
                  {def?.title ?? step.type} · <code className="font-mono">{step.nodeId}</code>
                </p>
              </div>
              <StatusBadge status={step.status} />
              <span className="w-20 text-right text-xs text-slate-500 tabular-nums" title="Attempt">
                {ran ? `attempt ${step.attempt}` : ''}
              </span>
              <span className="w-16 text-right font-mono text-xs text-slate-600 tabular-nums">{ran ? formatDuration(step.durationMs) : '—'}</span>
            </div>

            {error && (
              <p className="mt-2 ml-10 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="step-error">
                <code className="mr-2 font-mono text-xs font-semibold">{error.code}</code>
                {error.message}
              </p>
            )}

            {step.type === 'control.condition' && step.status === 'succeeded' && (
              <div className="mt-2 ml-10">
                <ConditionTrace output={step.output} />
              </div>
            )}

            {ran && step.type !== 'defender.alertCreated' && (
              <details className="group mt-2 ml-10">
                <summary className="cursor-pointer text-xs font-medium text-indigo-600 select-none hover:text-indigo-500">
                  <span className="group-open:hidden">Show input and output</span>
                  <span className="hidden group-open:inline">Hide input and output</span>
                </summary>
                <div className="mt-2 grid gap-3 lg:grid-cols-2">
                  <JsonBlock title="Input (resolved)" value={step.input} />
                  <JsonBlock title="Output" value={step.output} />
                </div>
              </details>
            )}
          </>
  );
}
