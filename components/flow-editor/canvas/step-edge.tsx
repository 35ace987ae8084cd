'use client';
// A connection: smooth-step path coloured by its handle, the handle's name as a chip, and a "+"
// in the middle that inserts a step on it.
import { memo, useCallback, type MouseEvent } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { edgeColour, type EditorEdge } from '../model/to-canvas';
import { useEditorActions } from '../store';
import { EditorIcon } from '../icons';

const CHIP: Record<string, string> = {
  true: 'border-emerald-200 bg-emerald-50 text-emerald-700',
  false: 'border-rose-200 bg-rose-50 text-rose-700',
  error: 'border-red-200 bg-red-50 text-red-700',
};

function StepEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<EditorEdge>) {
  const { openMenu } = useEditorActions();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10 });
  const handle = data?.handle ?? 'out';
  const onPlus = useCallback(
    (e: MouseEvent<HTMLButtonElement>) => {
      e.stopPropagation();
      const r = e.currentTarget.getBoundingClientRect();
      openMenu({ kind: 'edge', edgeId: id, x: r.right + 6, y: r.top });
    },
    [openMenu, id],
  );
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={16} style={{ stroke: edgeColour(handle, Boolean(selected)), strokeWidth: selected ? 2.25 : 1.5 }} />
      <EdgeLabelRenderer>
        <div
          className="nodrag nopan pointer-events-auto absolute flex items-center gap-1"
          // Above unselected cards: a connected handle's hidden "+" can sit under this one and
          // must not catch the click meant for the edge (it would add a branch, not insert here).
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, zIndex: 1 }}
        >
          {data?.label && <span className={`rounded border px-1.5 py-px text-[10px] font-semibold ${CHIP[handle] ?? 'border-slate-200 bg-white text-slate-600'}`}>{data.label}</span>}
          {!data?.readOnly && (
            <button
              type="button"
              data-testid={`edge-plus-${id}`}
              aria-label="Insert a step here"
              title="Insert a step here"
              onClick={onPlus}
              className="flex h-5 w-5 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-400 shadow-xs transition hover:border-indigo-500 hover:bg-indigo-600 hover:text-white"
            >
              <EditorIcon name="plus" className="h-3 w-3" />
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const StepEdge = memo(StepEdgeView);
