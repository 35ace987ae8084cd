'use client';
// Run detail's live part: the pinned graph coloured by step status with the edges taken, the
// timeline, and the inspector for the selected step. It is re-rendered in place with fresh props
// when the run changes (RunLive refreshes the server page), so the selection, the open JSON
// nodes and the canvas viewport survive every update.
import { useMemo, useState } from 'react';
import { getNodeType } from '@/core/catalog';
import { FlowGraph, type RunOverlay } from '../flow-graph/flow-graph';
import { NODE_HEIGHT, positionsFor } from '../flow-graph/layout';
import type { GraphData } from '../flow-graph/types';
import { Card, CardHeader } from '../ui/page-header';
import { formatDuration } from '../ui/format';
import { loopCountLabel, loopCounts, runGraphState } from './run-graph-model';
import { RunTimeline } from './run-timeline';
import { StepInspector, type InspectorStep } from './step-inspector';
import { NODE_STATUSES, statusStyle, stepViewStatus } from './step-status';
import { timelineLayout } from './timeline-layout';

export interface RunStepView extends InspectorStep {
  seq: number;
}

interface RunViewProps {
  graph: GraphData | null;
  graphTitle: string;
  steps: RunStepView[];
  runStatus: string;
  runStart: string | null;
  runEnd: string | null;
  /** When the server rendered this (closes a running run's time axis). */
  renderedAt: string;
  /** Selected first: the step the run failed at, when it failed. */
  failedNodeId?: string;
}

export function RunView({ graph, graphTitle, steps: recorded, runStatus, runStart, runEnd, renderedAt, failedNodeId }: RunViewProps) {
  // Rows as shown: a step left waiting when its run ended reads "Stopped" everywhere below.
  const steps = useMemo(() => recorded.map((s) => ({ ...s, status: stepViewStatus(s.status, runStatus) })), [recorded, runStatus]);
  const [picked, setPicked] = useState<string | null>(null);
  // Until the user picks a step, show the one the run failed at (it may fail while watched).
  const selected = picked ?? failedNodeId ?? null;
  const [iteration, setIteration] = useState<string | null>(null);

  const state = useMemo(() => (graph ? runGraphState(graph, steps, runStatus) : { status: {}, taken: new Set<string>() }), [graph, steps, runStatus]);
  const badges = useMemo(() => {
    if (!graph) return {};
    return Object.fromEntries(Object.entries(loopCounts(graph, steps)).map(([id, c]) => [id, loopCountLabel(c)]));
  }, [graph, steps]);
  const overlay = useMemo<RunOverlay>(() => ({ taken: state.taken, badges, selectedNodeId: selected, clickable: true }), [state.taken, badges, selected]);
  const liveNodeIds = useMemo(
    () => Object.entries(state.status).filter(([id, s]) => s === 'running' && !steps.some((st) => st.nodeId === id)).map(([id]) => id),
    [state.status, steps],
  );
  const layout = useMemo(
    () => timelineLayout({ steps: steps.map((s) => ({ ...s, pauses: pausesRun(s.type) })), runStart, runEnd, now: renderedAt, liveNodeIds }),
    [steps, runStart, runEnd, renderedAt, liveNodeIds],
  );
  const height = useMemo(() => (graph ? graphHeight(graph) : 240), [graph]);
  const labels = useMemo(() => Object.fromEntries((graph?.nodes ?? []).map((n) => [n.id, n.label])), [graph]);
  const icons = useMemo(() => Object.fromEntries((graph?.nodes ?? []).map((n) => [n.id, getNodeType(n.type)?.icon ?? 'box'])), [graph]);

  const select = (nodeId: string) => {
    setPicked(nodeId);
    setIteration(null);
  };
  const node = graph?.nodes.find((n) => n.id === selected) ?? null;
  const rows = steps.filter((s) => s.nodeId === selected);
  // Inside a loop, show the first failed item unless the user picked one.
  const shownIteration = iteration ?? rows.find((r) => r.status === 'failed')?.iteration ?? rows[0]?.iteration ?? null;
  const ranCount = steps.filter((s) => s.status !== 'skipped').length;

  return (
    <>
      <Card className="mb-6 overflow-hidden">
        <CardHeader title={graphTitle} actions={<GraphLegend />} />
        {graph ? (
          <FlowGraph graph={graph} statusByNode={state.status} overlay={overlay} onNodeClick={select} height={height} />
        ) : (
          <p className="px-5 py-10 text-center text-sm text-slate-500">The pinned graph could not be read.</p>
        )}
      </Card>

      <div className="mb-6 grid items-start gap-6 xl:grid-cols-5">
        <Card className="xl:col-span-3">
          <CardHeader
            title="Timeline"
            actions={
              <span className="text-xs text-slate-500 tabular-nums">
                {ranCount} step{ranCount === 1 ? '' : 's'} ran · {formatDuration(layout.spanMs)}
              </span>
            }
          />
          <RunTimeline layout={layout} labels={labels} icons={icons} selectedNodeId={selected} onSelect={select} />
        </Card>
        <Card className="xl:sticky xl:top-6 xl:col-span-2">
          <CardHeader title="Step details" />
          <StepInspector
            node={node}
            nodeStatus={selected ? state.status[selected] : undefined}
            rows={rows}
            iteration={shownIteration}
            onIteration={setIteration}
            badge={selected ? badges[selected] : undefined}
          />
        </Card>
      </div>
    </>
  );
}

/** Steps that can pause a run: resuming moves the run's attempt on without retrying them. */
function pausesRun(type: string): boolean {
  const def = getNodeType(type);
  return type === 'control.delay' || type === 'control.approval' || def?.completesAsync === true;
}

/** Tall enough for the graph at full size (fitView never zooms in past 1), within bounds. */
function graphHeight(graph: GraphData): number {
  const ys = [...positionsFor(graph).values()].map((p) => p.y);
  if (ys.length === 0) return 240;
  const span = Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT;
  return Math.round(Math.min(520, Math.max(240, span + 120)));
}

function GraphLegend() {
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-500" aria-label="Step status colours">
      {NODE_STATUSES.map((status) => {
        const s = statusStyle(status);
        return (
          <li key={status} className="flex items-center gap-1.5">
            <span className={`h-2 w-2 rounded-full ${s.fill}`} aria-hidden="true" />
            {s.label}
          </li>
        );
      })}
    </ul>
  );
}
