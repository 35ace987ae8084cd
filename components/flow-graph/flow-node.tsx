'use client';
// One node on the read-only canvas: icon, catalog title, the user's label, a short param
// summary, and (on run detail) its step status as colour + text.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Icon } from '../ui/icon';
import { NODE_WIDTH } from './layout';
import { SummaryLines } from './summary-lines';
import { handleTops, nodeHeightFor } from './handles';
import { statusStyle } from '../runs/step-status';

/** Same names as the designer's handles ("each", "case Low"…). */
function handleLabel(handle: string): string {
  return handle.startsWith('case:') ? `case ${handle.slice(5)}` : handle;
}

const HANDLE_TONE: Record<string, string> = { each: '!bg-teal-500', done: '!bg-slate-500', default: '!bg-slate-400' };

export type NodeKindView = 'trigger' | 'action' | 'condition' | 'control' | 'unknown';

export type FlowNodeViewData = {
  nodeId: string;
  kind: NodeKindView;
  title: string;
  icon: string;
  label: string;
  summary: string[];
  status?: string;
  hasErrorHandle: boolean;
  /** Right-edge handles from the catalog and params (switch cases, each/done…). */
  handles: string[];
  /** Run detail: a short fact under the status, e.g. a for-each's "12/12 succeeded". */
  badge?: string;
  /** Run detail: the step shown in the inspector. */
  selected?: boolean;
  /** Run detail: nodes open the step inspector on click. */
  clickable?: boolean;
};

export type FlowNodeView = Node<FlowNodeViewData, 'riposte'>;

const KIND_ACCENT: Record<NodeKindView, string> = {
  trigger: 'bg-amber-100 text-amber-700',
  action: 'bg-indigo-100 text-indigo-700',
  condition: 'bg-violet-100 text-violet-700',
  control: 'bg-teal-100 text-teal-700',
  unknown: 'bg-slate-100 text-slate-500',
};

const handleClass = '!h-2.5 !w-2.5 !border-2 !border-white !bg-slate-400';

export function FlowNodeCard({ data }: NodeProps<FlowNodeView>) {
  const status = data.status ? statusStyle(data.status) : undefined;
  return (
    <div
      data-testid="graph-node"
      data-node-id={data.nodeId}
      data-status={data.status ?? 'none'}
      style={{ width: NODE_WIDTH, minHeight: data.handles.length > 2 ? nodeHeightFor(data.handles.length) : undefined }}
      data-selected={data.selected === true ? 'true' : undefined}
      className={`relative rounded-lg border bg-white px-3 py-2.5 shadow-sm transition-[box-shadow,border-color,opacity] duration-300 ${status ? status.frame : 'border-slate-300'} ${data.selected ? '!opacity-100 outline-2 outline-offset-4 outline-indigo-500' : ''} ${data.clickable ? 'cursor-pointer hover:shadow-md' : ''}`}
    >
      {data.status === 'running' && (
        // A soft halo that breathes while the step runs; the card itself stays fully legible.
        <span className="pointer-events-none absolute -inset-1.5 animate-pulse rounded-xl ring-4 ring-sky-400/40" aria-hidden="true" />
      )}
      {data.kind !== 'trigger' && <Handle type="target" position={Position.Left} className={handleClass} isConnectable={false} />}
      <div className="flex items-start gap-2.5">
        <span className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md ${KIND_ACCENT[data.kind]}`}>
          <Icon name={data.icon} className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-[11px] font-medium tracking-wide text-slate-500 uppercase" title={data.title}>
            {data.title}
          </p>
          <p className="truncate text-sm font-semibold text-slate-900" title={data.label}>
            {data.label || data.nodeId}
          </p>
        </div>
      </div>
      <SummaryLines lines={data.summary} />
      {status && (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium ${status.chip}`} data-testid="graph-node-status">
            <span className={`h-1.5 w-1.5 rounded-full ${status.fill} ${data.status === 'running' ? 'animate-pulse' : ''}`} aria-hidden="true" />
            {status.label}
          </span>
          {data.badge && (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 tabular-nums" data-testid="graph-node-badge">
              {data.badge}
            </span>
          )}
        </div>
      )}

      {data.kind === 'condition' ? (
        <>
          <Handle id="true" type="source" position={Position.Right} style={{ top: '32%' }} className={`${handleClass} !bg-emerald-500`} isConnectable={false} />
          <span className="pointer-events-none absolute -right-7 text-[10px] font-semibold text-emerald-700" style={{ top: 'calc(32% - 16px)' }}>
            yes
          </span>
          <Handle id="false" type="source" position={Position.Right} style={{ top: '72%' }} className={`${handleClass} !bg-rose-400`} isConnectable={false} />
          <span className="pointer-events-none absolute -right-6 text-[10px] font-semibold text-rose-600" style={{ top: 'calc(72% + 4px)' }}>
            no
          </span>
        </>
      ) : data.handles.length === 1 && data.handles[0] === 'out' ? (
        <Handle id="out" type="source" position={Position.Right} className={handleClass} isConnectable={false} />
      ) : (
        data.handles.map((handle, i) => {
          const top = handleTops(data.handles.length)[i];
          return (
            <span key={handle}>
              <Handle
                id={handle}
                type="source"
                position={Position.Right}
                style={{ top: `${top}%` }}
                className={`${handleClass} ${HANDLE_TONE[handle] ?? '!bg-violet-500'}`}
                isConnectable={false}
                aria-label={handleLabel(handle)}
              />
              <span className="pointer-events-none absolute left-[calc(100%+6px)] max-w-28 truncate text-[10px] font-semibold text-slate-600" style={{ top: `calc(${top}% - 14px)` }}>
                {handleLabel(handle)}
              </span>
            </span>
          );
        })
      )}
      {data.hasErrorHandle && <Handle id="error" type="source" position={Position.Bottom} className={`${handleClass} !bg-red-500`} isConnectable={false} />}
    </div>
  );
}
