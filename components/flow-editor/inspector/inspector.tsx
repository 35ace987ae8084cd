'use client';

import type { JSX } from 'react';
import type { TDraftGraph, TFlowNode } from '@/core/flow/schema';
import type { FlowIssue } from '@/core/flow/issues';
import type { ConnectionOption, SampleOutputs } from '../types';

export interface InspectorProps {
  node: TFlowNode;
  graph: TDraftGraph;
  connections: ConnectionOption[];
  samples: SampleOutputs;
  issues: FlowIssue[];
  readOnly: boolean;
  /** One user edit. `group` lets the store coalesce keystrokes in one field into one undo step. */
  onChange(patch: { label?: string; params?: Record<string, unknown>; notes?: string }, group?: string): void;
  onClose?(): void;
}

/** Placeholder while the real inspector is built; the export shape is final. */
export function Inspector(props: InspectorProps): JSX.Element {
  return <aside aria-label="Inspector">{props.node.label || props.node.id}</aside>;
}
