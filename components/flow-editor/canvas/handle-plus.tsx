'use client';
// A source handle with its visible label and a "+" that opens the insert menu right there.
import { memo, useCallback, type MouseEvent } from 'react';
import { Handle, Position } from '@xyflow/react';
import { handleName } from '../model/connect-rules';
import { useEditorActions } from '../store';
import { EditorIcon } from '../icons';

const TONE: Record<string, { dot: string; text: string }> = {
  out: { dot: '!bg-slate-400', text: 'text-slate-500' },
  true: { dot: '!bg-emerald-500', text: 'text-emerald-700' },
  false: { dot: '!bg-rose-400', text: 'text-rose-600' },
  error: { dot: '!bg-red-500', text: 'text-red-600' },
  each: { dot: '!bg-teal-500', text: 'text-teal-700' },
  done: { dot: '!bg-slate-500', text: 'text-slate-600' },
  default: { dot: '!bg-slate-400', text: 'text-slate-500' },
  case: { dot: '!bg-violet-500', text: 'text-violet-700' },
};

function toneOf(handle: string) {
  return TONE[handle] ?? (handle.startsWith('case:') ? TONE.case : TONE.out);
}

interface SourceHandleProps {
  nodeId: string;
  nodeLabel: string;
  handle: string;
  /** Vertical position on the right edge, in %; ignored for the bottom (error) handle. */
  top?: number;
  connected: boolean;
  readOnly: boolean;
}

export const SourceHandle = memo(function SourceHandle({ nodeId, nodeLabel, handle, top = 50, connected, readOnly }: SourceHandleProps) {
  const { openMenu } = useEditorActions();
  const name = handleName(handle);
  const tone = toneOf(handle);
  const bottom = handle === 'error';
  const onPlus = useCallback(
    (e: MouseEvent<HTMLButtonElement>) => {
      e.stopPropagation();
      const r = e.currentTarget.getBoundingClientRect();
      openMenu({ kind: 'handle', nodeId, handle, x: r.right + 6, y: r.top });
    },
    [openMenu, nodeId, handle],
  );
  // Unconnected main outputs invite the next step; connected ones and "on error" stay quiet
  // until the node is hovered or selected, so a big flow does not drown in buttons.
  const quiet = connected || bottom;
  const visibility = quiet ? 'opacity-0 group-hover:opacity-100 group-[.is-selected]:opacity-100 focus-visible:opacity-100' : '';
  const showLabel = handle !== 'out' && (!bottom || connected);

  return (
    <>
      <Handle
        id={handle}
        type="source"
        position={bottom ? Position.Bottom : Position.Right}
        style={bottom ? undefined : { top: `${top}%` }}
        className={`!h-3 !w-3 !border-2 !border-white ${tone.dot} ${bottom ? '!h-2.5 !w-2.5' : ''}`}
        isConnectable={!readOnly}
        aria-label={name}
        title={`${name} — drag to connect`}
      />
      {!bottom && (
        // Label and "+" in one row beside the handle, so long case names push the button along.
        <span className="absolute flex items-center gap-1.5" style={{ left: 'calc(100% + 8px)', top: `calc(${top}% - 10px)`, height: 20 }}>
          {showLabel && (
            <span className={`pointer-events-none max-w-28 truncate text-[10px] font-semibold leading-none ${tone.text}`} title={name}>
              {name}
            </span>
          )}
          {!readOnly && (
            <button
              type="button"
              data-testid={`handle-plus-${nodeId}-${handle}`}
              aria-label={`Add a step after "${nodeLabel}" (${name})`}
              title={`Add a step (${name})`}
              onClick={onPlus}
              className={`nodrag nopan flex h-5 w-5 shrink-0 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-500 shadow-xs transition hover:border-indigo-500 hover:bg-indigo-600 hover:text-white ${visibility}`}
            >
              <EditorIcon name="plus" className="h-3 w-3" />
            </button>
          )}
        </span>
      )}
      {bottom && (
        <span
          className={`pointer-events-none absolute text-[10px] font-semibold leading-none ${tone.text} ${bottom && !connected ? visibility : ''}`}
          style={{ left: 'calc(50% + 8px)', bottom: -14 }}
        >
          {name}
        </span>
      )}
      {bottom && !readOnly && (
        <button
          type="button"
          data-testid={`handle-plus-${nodeId}-${handle}`}
          aria-label={`Add a step after "${nodeLabel}" (${name})`}
          title={`Add a step (${name})`}
          onClick={onPlus}
          className={`nodrag nopan absolute flex h-5 w-5 items-center justify-center rounded-full border border-red-200 bg-white text-red-500 shadow-xs transition hover:border-indigo-500 hover:bg-indigo-600 hover:text-white ${visibility}`}
          style={{ left: 'calc(50% - 10px)', bottom: -42 }}
        >
          <EditorIcon name="plus" className="h-3 w-3" />
        </button>
      )}
    </>
  );
});
