'use client';
// The flow checker: errors first, then warnings, each pointing at its step. Clicking one
// selects the step and frames it on the canvas (the inspector opens beside it).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FlowIssue } from '@/core/flow/issues';
import { useEditorStore } from './store';
import { EditorIcon } from './icons';

/**
 * A collapsible strip under the canvas: the summary is always visible, the list opens from
 * here or from the toolbar's count badge.
 */
export function CheckerPanel({ open, onToggle }: { open: boolean; onToggle(): void }) {
  const { issues, nodes, focusNode, editable } = useEditorStore(useShallow((s) => ({ issues: s.issues, nodes: s.graph.nodes, focusNode: s.actions.focusNode, editable: s.canWrite })));
  const labels = useMemo(() => new Map(nodes.map((n) => [n.id, n.label.trim() === '' ? n.id : n.label])), [nodes]);
  const sorted = useMemo(() => [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)), [issues]);
  const errors = issues.filter((i) => i.severity === 'error').length;
  // A viewer cannot publish: tell them what the checker found, not what they could do next.
  const summary = issues.length === 0
    ? (editable ? 'No problems found — ready to publish.' : 'No problems found.')
    : errors > 0
      ? `${errors} ${errors === 1 ? (editable ? 'error blocks' : 'error would block') : (editable ? 'errors block' : 'errors would block')} publishing.`
      : (editable ? 'Only warnings: you can publish.' : 'Only warnings.');

  return (
    <section aria-label="Flow checker" data-testid="checker-panel" className="shrink-0 border-t border-slate-200 bg-white">
      <button type="button" aria-expanded={open} aria-label={`Flow checker: ${errors} errors, ${issues.length - errors} warnings`} onClick={onToggle} className="flex w-full items-center gap-2 px-4 py-2 text-left text-sm hover:bg-slate-50">
        <span className={`h-2 w-2 rounded-full ${errors > 0 ? 'bg-red-500' : issues.length > 0 ? 'bg-amber-500' : 'bg-emerald-500'}`} aria-hidden="true" />
        <span className="font-semibold text-slate-900">Flow checker</span>
        <span className="text-xs text-slate-500">{summary}</span>
        <EditorIcon name={open ? 'chevron-down' : 'chevron-up'} className="ml-auto h-4 w-4 text-slate-400" />
      </button>
      {open && issues.length > 0 && (
        <ul className="max-h-40 divide-y divide-slate-100 overflow-y-auto border-t border-slate-100">
          {sorted.map((issue, i) => (
            <li key={`${issue.code}:${issue.nodeId ?? issue.edgeId ?? ''}:${i}`}>
              <IssueRow issue={issue} label={issue.nodeId ? labels.get(issue.nodeId) : undefined} onPick={issue.nodeId ? () => focusNode(issue.nodeId as string) : undefined} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IssueRow({ issue, label, onPick }: { issue: FlowIssue; label: string | undefined; onPick?: () => void }) {
  const error = issue.severity === 'error';
  const body = (
    <>
      <span className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full ${error ? 'bg-red-100 text-red-600' : 'bg-amber-100 text-amber-700'}`} aria-label={error ? 'Error' : 'Warning'}>
        <EditorIcon name={error ? 'alert' : 'info'} className="h-3 w-3" />
      </span>
      <span className="min-w-0 flex-1 text-[13px] leading-snug text-slate-700">
        {label && <span className="mr-1.5 font-semibold text-slate-900">{label}</span>}
        {issue.message}
      </span>
      <span className="shrink-0 font-mono text-[10px] leading-5 text-slate-400">{issue.code}</span>
    </>
  );
  const className = 'flex w-full items-start gap-2.5 px-4 py-2 text-left';
  return onPick ? (
    <button type="button" data-testid="checker-issue" data-node-id={issue.nodeId} data-severity={issue.severity} onClick={onPick} className={`${className} hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none`}>
      {body}
    </button>
  ) : (
    <div data-testid="checker-issue" data-severity={issue.severity} className={className}>
      {body}
    </div>
  );
}
