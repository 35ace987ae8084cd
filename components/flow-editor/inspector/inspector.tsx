'use client';
/**
 * The inspector: edits one node. Props-driven (no store access) so the canvas owns state and
 * undo, and this stays easy to test and reuse. Everything it shows comes from the catalog:
 * the form (param schema), the dynamic content (upstream output fields), the outputs list.
 */
import type { NodePatch } from '../model/edit-ops';
import { StepSettings, TriggerSettings } from './step-settings';
import { useMemo, type JSX } from 'react';
import { getNodeType } from '@/core/catalog/index';
import type { NodeKind } from '@/core/catalog/types';
import type { FlowIssue } from '@/core/flow/issues';
import type { TDraftGraph, TFlowNode } from '@/core/flow/schema';
import { Icon } from '@/components/ui/icon';
import type { ConnectionOption, SampleOutputs } from '../types';
import type { TokenEnv } from './fields/token-text-field';
import { InspectorIcon } from './icons';
import { IssueList } from './issue-list';
import { OutputsList } from './outputs-list';
import { ParamForm } from './param-form';
import type { GetColumns } from './fields/columns-field';
import { graphFields } from '@/core/flow/output-fields';
import { borderClass, iconButtonClass, inputClass } from './styles';
import { tokenOptions } from './token-options';
import { tokenContext } from './token-text';

export interface InspectorProps {
  node: TFlowNode;
  graph: TDraftGraph;
  connections: ConnectionOption[];
  samples: SampleOutputs;
  issues: FlowIssue[];
  readOnly: boolean;
  /** Runs a hunting step's query once for its columns (absent: no "Get columns" button). */
  getColumns?: GetColumns;
  /** One user edit. `group` lets the store coalesce keystrokes in one field into one undo step. */
  onChange(patch: NodePatch, group?: string): void;
  onClose?(): void;
}

const KIND_ACCENT: Record<NodeKind | 'unknown', string> = {
  trigger: 'bg-amber-100 text-amber-700',
  action: 'bg-indigo-100 text-indigo-700',
  condition: 'bg-violet-100 text-violet-700',
  control: 'bg-teal-100 text-teal-700',
  unknown: 'bg-slate-100 text-slate-500',
};

const NOTES_MAX = 5000;

export function Inspector(props: InspectorProps): JSX.Element {
  const { node, graph, samples, readOnly, onChange } = props;
  const def = getNodeType(node.type);
  const nodeIssues = useMemo(() => props.issues.filter((i) => i.nodeId === node.id), [props.issues, node.id]);
  // Recomputed per graph change only; cheap (one upstream walk) even on large flows.
  const env = useMemo<TokenEnv>(
    () => ({ groups: tokenOptions(graph, node.id, samples), ctx: tokenContext(graph, node.id) }),
    [graph, node.id, samples],
  );
  const sample = Object.hasOwn(samples, node.id) ? samples[node.id] : undefined;
  // What later steps can read from this node, as its params (and the latest run) say.
  const outputFields = useMemo(() => graphFields(graph.nodes, samples)(node.id), [graph.nodes, samples, node.id]);
  const labelId = `insp-${node.id}-label`;
  const notesId = `insp-${node.id}-notes`;

  return (
    <aside aria-label="Inspector" data-testid="inspector" data-node-id={node.id} className="flex h-full min-h-0 flex-col bg-white">
      <header className="border-b border-slate-200 px-4 pt-3 pb-3">
        <div className="flex items-start gap-2.5">
          <span className={`mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-md ${KIND_ACCENT[def?.kind ?? 'unknown']}`}>
            <Icon name={def?.icon ?? 'box'} className="h-4 w-4" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-[11px] font-medium tracking-wide text-slate-500 uppercase">{def?.title ?? 'Unknown step type'}</p>
            <p className="truncate font-mono text-[11px] text-slate-400" title="Step id: tokens refer to it">
              id: {node.id}
            </p>
          </div>
          {props.onClose && (
            <button type="button" aria-label="Close inspector" onClick={props.onClose} className={iconButtonClass}>
              <InspectorIcon name="x" className="h-4 w-4" />
            </button>
          )}
        </div>
        <div className="mt-2.5 space-y-1">
          <label htmlFor={labelId} className="block text-xs font-medium text-slate-500">
            Name
          </label>
          <input
            id={labelId}
            type="text"
            value={node.label}
            readOnly={readOnly}
            placeholder={def?.title ?? node.id}
            onChange={(e) => onChange({ label: e.target.value }, 'label')}
            className={`${inputClass} ${borderClass(false)} py-1.5 text-base font-semibold`}
          />
        </div>
      </header>

      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto px-4 py-4">
        <IssueList issues={nodeIssues} />
        {def === undefined ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This step&apos;s type <code className="font-mono">{node.type}</code> is not in the catalog of this Riposte version, so it
            cannot be edited here. Replace it with a known step.
          </p>
        ) : (
          <>
            {def.description !== '' && <p className="text-xs text-slate-500">{def.description}</p>}
            <ParamForm
              key={node.id}
              node={node}
              def={def}
              env={env}
              connections={props.connections}
              issues={nodeIssues}
              readOnly={readOnly}
              sample={sample}
              getColumns={props.getColumns}
              onParams={(params, group) => onChange({ params }, group)}
            />
          </>
        )}

        {def?.kind === 'trigger' && <TriggerSettings settings={node.settings} readOnly={readOnly} onChange={(settings) => onChange({ settings }, 'settings')} />}
        {def?.kind === 'action' && <StepSettings nodeId={node.id} settings={node.settings} defaultTimeoutSeconds={def.timeoutSeconds} readOnly={readOnly} onChange={(settings) => onChange({ settings }, 'settings')} />}

        <div className="space-y-1.5">
          <label htmlFor={notesId} className="block text-sm font-medium text-slate-700">
            Notes
          </label>
          <textarea
            id={notesId}
            rows={2}
            maxLength={NOTES_MAX}
            value={node.notes ?? ''}
            readOnly={readOnly}
            placeholder="Why this step is here, who owns it…"
            onChange={(e) => onChange({ notes: e.target.value }, 'notes')}
            className={`${inputClass} ${borderClass(false)} resize-y`}
          />
        </div>

        {def !== undefined && <OutputsList nodeId={node.id} fields={outputFields} />}
      </div>
    </aside>
  );
}
