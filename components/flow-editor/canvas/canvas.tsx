'use client';
// The editable canvas: a projection of the store's graph. Drags, connections, drops and
// selections become store commands; nothing here owns flow data.
import '@xyflow/react/dist/style.css';
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type FinalConnectionState,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import * as cmd from '../commands';
import { canConnect } from '../model/connect-rules';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/geometry';
import { createProjector, type EditorEdge, type EditorNode, type IssueCount, type StepNodeData } from '../model/to-canvas';
import { inspectedNodeId, isEditable, useEditorStore, useEditorStoreApi } from '../store';
import { SIDE_PANEL_INSET } from '../side-panel';
import { centreXForVisibleArea, fitPadding, isInVisibleArea, nudgeIntoView } from '../model/visible-area';
import { DND_TYPE } from './dnd';
import { InsertMenu } from './insert-menu';
import { edgeTypes, nodeTypes } from './node-types';
import { useEditorKeys } from './use-editor-keys';
import { useLocalElements } from './use-local-elements';
import { largeFlowViewport, LARGE_FLOW } from '../model/initial-view';

const NO_ISSUES: ReadonlyMap<string, IssueCount> = new Map();
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 } as const;
/** Space kept between a revealed step and the canvas edge or the side panel. */
const REVEAL_MARGIN = 24;
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };
const MINIMAP_STYLE = { width: 168, height: 112 };

const MINIMAP_COLOUR: Record<StepNodeData['kind'], string> = { trigger: '#f59e0b', action: '#6366f1', condition: '#8b5cf6', control: '#14b8a6', unknown: '#94a3b8' };
function minimapColour(node: EditorNode): string {
  return node.data.errors > 0 ? '#ef4444' : MINIMAP_COLOUR[node.data.kind];
}

/** `versionsOpen`: the versions panel floats over the right of the canvas (as the inspector does). */
export function EditorCanvas({ versionsOpen }: { versionsOpen: boolean }) {
  const api = useEditorStoreApi();
  const { graph, selectedNodes, selectedEdges, inspected, issuesByNode, viewing, editable, focusRequest, fitRequest } = useEditorStore(
    useShallow((s) => ({
      graph: s.graph,
      selectedNodes: s.selectedNodes,
      selectedEdges: s.selectedEdges,
      inspected: inspectedNodeId(s),
      issuesByNode: s.issuesByNode,
      viewing: s.viewing,
      editable: isEditable(s),
      focusRequest: s.focusRequest,
      fitRequest: s.fitRequest,
    })),
  );
  const { screenToFlowPosition, flowToScreenPosition, fitView, setCenter, setViewport, getViewport, getInternalNode } = useReactFlow<EditorNode, EditorEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  // Canvas pixels on the right hidden by the side panel: fits and reveals leave them out.
  const inset = versionsOpen || inspected !== null ? SIDE_PANEL_INSET : 0;
  const insetRef = useRef(inset);
  useLayoutEffect(() => {
    insetRef.current = inset;
  }, [inset]);
  const canvasWidth = useFlowStore((s) => s.width);
  const canvasHeight = useFlowStore((s) => s.height);
  const controlsFit = useMemo(
    () => ({ ...FIT_VIEW_OPTIONS, padding: fitPadding(FIT_VIEW_OPTIONS.padding, { width: canvasWidth, height: canvasHeight }, inset) }),
    [canvasWidth, canvasHeight, inset],
  );
  const minimapStyle = useMemo(() => (inset > 0 ? { ...MINIMAP_STYLE, marginRight: 15 + inset } : MINIMAP_STYLE), [inset]);
  // Decided once, on open: a small flow is fitted whole, a large one opens on its trigger.
  const [openingViewport] = useState(() => largeFlowViewport(api.getState().graph));
  const projectorRef = useRef<ReturnType<typeof createProjector> | null>(null);
  projectorRef.current ??= createProjector();
  const project = projectorRef.current;

  const selN = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const selE = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const shown = viewing?.graph ?? graph;
  const projection = useMemo(
    () => project({ graph: shown, selectedNodes: selN, selectedEdges: selE, issuesByNode: viewing ? NO_ISSUES : issuesByNode, readOnly: !editable }),
    [project, shown, selN, selE, issuesByNode, viewing, editable],
  );
  const { nodes, edges, onNodesChange, onEdgesChange } = useLocalElements(projection, openingViewport !== null);

  // The minimap draws every step (500 components and store subscriptions on a large flow): it
  // comes after the canvas, in a transition, so the first steps show sooner and a click can
  // interrupt it.
  const [minimapShown, setMinimapShown] = useState(false);
  useEffect(() => startTransition(() => setMinimapShown(true)), []);

  useEditorKeys(api);

  /**
   * Makes a step wholly visible when it is off screen or under the side panel: `centre` puts it
   * in the middle of the visible area (a new step), `nudge` pans just enough (a selected one).
   */
  const reveal = useCallback(
    (nodeId: string, how: 'centre' | 'nudge') => {
      const node = getInternalNode(nodeId);
      const box = wrapperRef.current?.getBoundingClientRect();
      if (node === undefined || box === undefined) return;
      const viewport = getViewport();
      const { zoom } = viewport;
      const w = node.measured.width ?? NODE_WIDTH;
      const h = node.measured.height ?? NODE_HEIGHT;
      const topLeft = flowToScreenPosition(node.internals.positionAbsolute);
      const rect = { left: topLeft.x, top: topLeft.y, right: topLeft.x + w * zoom, bottom: topLeft.y + h * zoom };
      if (isInVisibleArea(rect, box, insetRef.current)) return;
      if (how === 'nudge') {
        const { dx, dy } = nudgeIntoView(rect, box, insetRef.current, REVEAL_MARGIN);
        return void setViewport({ x: viewport.x + dx, y: viewport.y + dy, zoom }, { duration: 250 });
      }
      const { x, y } = node.internals.positionAbsolute;
      void setCenter(centreXForVisibleArea(x + w / 2, insetRef.current, zoom), y + h / 2, { zoom, duration: 300 });
    },
    [getInternalNode, getViewport, flowToScreenPosition, setCenter, setViewport],
  );

  // Selecting a step opens the inspector over the canvas's right edge: a step it would cover
  // (or one selected off screen, with the keyboard) slides into view. Not while the pointer is
  // down (the step is being dragged); focus requests (checker, new steps) frame their own step.
  const pointerDown = useRef(false);
  useEffect(() => {
    const up = () => {
      pointerDown.current = false;
    };
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);
  const handledFocus = useRef<number | null>(null);
  useEffect(() => {
    if (inspected === null || pointerDown.current) return;
    if (focusRequest !== null && focusRequest.nodeId === inspected && focusRequest.seq !== handledFocus.current) return;
    const t = setTimeout(() => reveal(inspected, 'nudge'), 30);
    return () => clearTimeout(t);
    // Only when the inspected step changes (focusRequest is read, not a trigger).
  }, [inspected, reveal]);

  // A checker click (or any focus request) frames the node, left of the inspector it opens.
  useEffect(() => {
    if (focusRequest === null) return;
    handledFocus.current = focusRequest.seq;
    // Wait a frame or two: the selected step and the inspector render first.
    const t = setTimeout(() => {
      const { nodeId, mode } = focusRequest;
      if (mode === 'reveal') return reveal(nodeId, 'centre');
      const box = wrapperRef.current?.getBoundingClientRect();
      const padding = box ? fitPadding(0.6, box, insetRef.current) : 0.6;
      void fitView({ nodes: [{ id: nodeId }], duration: 350, maxZoom: 1.1, padding });
    }, 60);
    return () => clearTimeout(t);
  }, [focusRequest, fitView, reveal]);

  // Switching between the draft and a version, tidy up, import: show the whole graph. Not on
  // mount: the opening view is ReactFlow's own fitView (openingFit).
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const t = setTimeout(() => {
      const box = wrapperRef.current?.getBoundingClientRect();
      const padding = box ? fitPadding(FIT_VIEW_OPTIONS.padding, box, insetRef.current) : FIT_VIEW_OPTIONS.padding;
      void fitView({ ...FIT_VIEW_OPTIONS, padding, duration: 200 });
    }, 30);
    return () => clearTimeout(t);
  }, [viewing, fitRequest, fitView]);

  const onConnect = useCallback((c: Connection) => cmd.connect(api, c), [api]);
  // A connection dropped on a step's card instead of an input handle (e.g. on the trigger, which
  // has none) makes no edge: say why when it could never connect there.
  const onConnectEnd = useCallback(
    (e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || state.fromHandle?.type !== 'source' || state.fromNode === null) return;
      const point = 'changedTouches' in e ? e.changedTouches[0] : e;
      if (point === undefined) return;
      const target = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node')?.getAttribute('data-id');
      if (target == null || target === state.fromNode.id) return;
      const check = canConnect(api.getState().graph, { source: state.fromNode.id, sourceHandle: state.fromHandle.id, target });
      if (!check.ok) api.getState().actions.toast('error', check.reason);
    },
    [api],
  );
  const onSelectionChange = useCallback(
    ({ nodes: n, edges: e }: OnSelectionChangeParams<EditorNode, EditorEdge>) => {
      api.getState().actions.setSelection(
        n.map((x) => x.id),
        e.map((x) => x.id),
      );
    },
    [api],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, _node: EditorNode, dragged: EditorNode[]) => cmd.moveNodes(api, new Map(dragged.map((n) => [n.id, n.position]))),
    [api],
  );
  const onPaneClick = useCallback(() => api.getState().actions.openMenu(null), [api]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DND_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DND_TYPE);
      if (type === '') return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Drop where the pointer is, centred on the card.
      cmd.addNodeAt(api, type, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
    },
    [api, screenToFlowPosition],
  );

  const blank = graph.nodes.length <= 1 && viewing === null;
  return (
    <div
      ref={wrapperRef}
      className="relative h-full w-full"
      data-testid="editor-canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDownCapture={() => {
        pointerDown.current = true;
      }}
    >
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={onPaneClick}
        nodesDraggable={editable}
        nodesConnectable={editable}
        // Deletion goes through the store (history, trigger protection): see use-editor-keys.
        deleteKeyCode={null}
        // n8n-style: drag on empty canvas draws a selection box; middle/right drag or Space pans.
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={PAN_BUTTONS}
        panOnScroll
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        fitView={openingViewport === null}
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultViewport={openingViewport ?? undefined}
        minZoom={0.1}
        maxZoom={2}
        // Large flows: skip rendering what is off screen.
        onlyRenderVisibleElements={graph.nodes.length > LARGE_FLOW}
        proOptions={PRO_OPTIONS}
        // Bottom right is where the side panel floats.
        attributionPosition="bottom-left"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <Controls position="bottom-left" showInteractive={false} fitViewOptions={controlsFit} />
        {minimapShown && <MiniMap<EditorNode> position="bottom-right" style={minimapStyle} pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} maskColor="rgba(241,245,249,0.7)" className="!rounded-md !border !border-slate-200" ariaLabel="Mini map" />}
        {blank && editable && (
          <Panel position="top-center" className="!mt-6" style={inset > 0 ? { left: `calc(50% - ${inset / 2}px)` } : undefined}>
            <p className="rounded-full border border-slate-200 bg-white/90 px-4 py-1.5 text-sm whitespace-nowrap text-slate-600 shadow-xs">
              Drag a step here, or click <span className="font-semibold">+</span> on the trigger to add the next step.
            </p>
          </Panel>
        )}
      </ReactFlow>
      <InsertMenu />
    </div>
  );
}
