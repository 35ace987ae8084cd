'use client';
// One step on the editable canvas. Same card as the read-only graph (icon, caption, label,
// param summary) plus editing affordances: handles with "+" buttons, an error/warning badge
// and a note marker. React.memo: during a drag only the moved node re-renders.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { NODE_WIDTH } from '../model/geometry';
import { HANDLE_SEPARATOR, type EditorNode, type StepKind } from '../model/to-canvas';
import { handleTops, nodeHeightFor } from '@/components/flow-graph/handles';
import { EditorIcon } from '../icons';
import { SourceHandle } from './handle-plus';
import { SummaryLines } from '@/components/flow-graph/summary-lines';

const KIND_ACCENT: Record<StepKind, string> = {
  trigger: 'bg-amber-100 text-amber-700',
  action: 'bg-indigo-100 text-indigo-700',
  condition: 'bg-violet-100 text-violet-700',
  control: 'bg-teal-100 text-teal-700',
  unknown: 'bg-slate-100 text-slate-500',
};

function frameClass(selected: boolean, errors: number): string {
  if (selected) return errors > 0 ? 'border-red-500 ring-[3px] ring-indigo-500/35' : 'border-indigo-500 ring-2 ring-indigo-500/25';
  if (errors > 0) return 'border-red-400 ring-2 ring-red-500/20 hover:border-red-500';
  return 'border-slate-300 hover:border-slate-400 hover:shadow-md';
}

function StepNodeView({ data, selected }: NodeProps<EditorNode>) {
  const connected = new Set(data.connected.split(HANDLE_SEPARATOR));
  const tops = handleTops(data.handles.length);
  const name = data.label.trim() === '' ? data.nodeId : data.label;
  const common = { nodeId: data.nodeId, nodeLabel: name, readOnly: data.readOnly };
  return (
    <div
      data-testid="editor-node"
      data-node-id={data.nodeId}
      data-errors={data.errors}
      style={{ width: NODE_WIDTH, minHeight: data.handles.length > 2 ? nodeHeightFor(data.handles.length) : undefined }}
      className={`group relative rounded-lg border bg-white px-3 py-2.5 shadow-sm transition-[box-shadow,border-color] ${selected ? 'is-selected' : ''} ${frameClass(Boolean(selected), data.errors)}`}
    >
      {data.kind !== 'trigger' && (
        <Handle type="target" position={Position.Left} className="!h-3 !w-3 !border-2 !border-white !bg-slate-400" isConnectable={!data.readOnly} aria-label="input" />
      )}
      <div className="flex items-start gap-2.5">
        <span className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md ${KIND_ACCENT[data.kind]}`}>
          <EditorIcon name={data.icon} className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-[11px] font-medium tracking-wide text-slate-500 uppercase" title={data.caption}>
            {data.caption}
          </p>
          <p className="truncate text-sm font-semibold text-slate-900" title={name}>
            {name}
          </p>
        </div>
      </div>
      <SummaryLines lines={data.summary} />

      <div className="absolute -top-2.5 right-2 flex gap-1">
        {data.note !== null && (
          <span title={data.note} aria-label="Has a note" className="flex h-5 items-center rounded-full border border-amber-200 bg-amber-50 px-1.5 text-amber-700">
            <EditorIcon name="note" className="h-3 w-3" />
          </span>
        )}
        {data.errors > 0 ? (
          <span
            data-testid="node-error-badge"
            aria-label={`${data.errors} ${data.errors === 1 ? 'error' : 'errors'}`}
            className="flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white shadow-xs"
          >
            {data.errors}
          </span>
        ) : data.warnings > 0 ? (
          <span
            aria-label={`${data.warnings} ${data.warnings === 1 ? 'warning' : 'warnings'}`}
            className="flex h-5 min-w-5 items-center justify-center rounded-full bg-amber-400 px-1.5 text-[11px] font-semibold text-amber-950 shadow-xs"
          >
            {data.warnings}
          </span>
        ) : null}
      </div>

      {data.kind === 'condition' ? (
        <>
          <SourceHandle {...common} handle="true" top={34} connected={connected.has('true')} />
          <SourceHandle {...common} handle="false" top={70} connected={connected.has('false')} />
        </>
      ) : (
        data.handles.map((handle, i) => <SourceHandle key={handle} {...common} handle={handle} top={tops[i]} connected={connected.has(handle)} />)
      )}
      {data.kind === 'action' && <SourceHandle {...common} handle="error" connected={connected.has('error')} />}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
