'use client';
// The visual flow designer: toolbar on top, step palette left, canvas centre with the checker
// under it, and the inspector (or versions) floating over the canvas's right edge. One store per
// mounted editor; the host page passes plain data and server actions (see types.ts).
import { useCallback, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { Inspector } from './inspector/inspector';
import { EditorCanvas } from './canvas/canvas';
import { CheckerPanel } from './checker-panel';
import { ConflictDialog } from './conflict-dialog';
import * as cmd from './commands';
import { Palette } from './palette';
import { RecoveryDialog } from './recovery-dialog';
import type { GetColumns } from './inspector/fields/columns-field';
import { EditorServicesProvider, useEditorServices, type EditorServices } from './services';
import { EditorStoreProvider, inspectedNodeId, isEditable, useEditorStore, useEditorStoreApi } from './store';
import { SidePanel } from './side-panel';
import { Toasts } from './toasts';
import { Toolbar, type RightPanel } from './toolbar';
import { useAutosave } from './use-autosave';
import { useChecker } from './use-checker';
import { VersionBanner } from './version-banner';
import { VersionsPanel } from './versions-panel';
import { NodeConnections } from './node-connections';
import { EditorIcon } from './icons';
import type { FlowEditorProps } from './types';
import type { NodePatch } from './model/edit-ops';

export function FlowEditor(props: FlowEditorProps) {
  return (
    // Keyed by flow: client navigation between two flows must not reuse the previous store.
    <EditorStoreProvider key={props.flow.id} flow={props.flow} canWrite={props.canWrite} connections={props.connections}>
      <ReactFlowProvider>
        <EditorShell {...props} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

function EditorShell({ flow, connections, samples, canWrite, actions }: FlowEditorProps) {
  const api = useEditorStoreApi();
  useChecker(api);
  const autosaveRef = useAutosave(api, flow.id, flow.draftVersion, actions.saveDraft, canWrite);
  const services = useMemo<EditorServices>(
    () => ({ flowId: flow.id, actions, connections, samples, autosave: () => autosaveRef.current }),
    [flow.id, actions, connections, samples, autosaveRef],
  );
  const [panel, setPanel] = useState<RightPanel>('auto');
  const [paletteOpen, setPaletteOpen] = useState(true);
  const editable = useEditorStore(isEditable);
  const viewing = useEditorStore((s) => s.viewing !== null);
  // Open at start when the flow has errors (like Power Automate's checker on save).
  const [checkerOpen, setCheckerOpen] = useState(() => api.getState().issues.some((i) => i.severity === 'error'));

  return (
    <EditorServicesProvider value={services}>
      <div data-testid="flow-editor" className="relative flex h-full min-h-[600px] w-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
        <Toolbar panel={panel} onPanel={setPanel} onChecker={() => setCheckerOpen((o) => !o)} />
        <VersionBanner />
        <div className="flex min-h-0 flex-1">
          {editable &&
            (paletteOpen ? (
              <Palette onCollapse={() => setPaletteOpen(false)} />
            ) : (
              <div className="flex w-10 shrink-0 flex-col items-center border-r border-slate-200 bg-white pt-3">
                <button type="button" onClick={() => setPaletteOpen(true)} aria-label="Show steps panel" title="Show steps panel" className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
                  <EditorIcon name="panel-left" className="h-4 w-4" />
                </button>
              </div>
            ))}
          <main className="flex min-w-0 flex-1 flex-col bg-slate-50">
            <div className="relative min-h-0 flex-1">
              <EditorCanvas versionsOpen={panel === 'versions'} />
              <SidePanelContent panel={panel} onPanel={setPanel} />
            </div>
            {!viewing && <CheckerPanel open={checkerOpen} onToggle={() => setCheckerOpen((o) => !o)} />}
          </main>
        </div>
        <Toasts />
        <ConflictDialog />
        <RecoveryDialog flow={flow} />
      </div>
    </EditorServicesProvider>
  );
}

/** Versions when asked, else the inspector for exactly one selected step; else nothing. */
function SidePanelContent({ panel, onPanel }: { panel: RightPanel; onPanel(p: RightPanel): void }) {
  const api = useEditorStoreApi();
  const { connections, samples, actions, flowId } = useEditorServices();
  const huntingColumns = actions.huntingColumns;
  const getColumns = useMemo<GetColumns | undefined>(
    () => (huntingColumns === undefined ? undefined : (params) => huntingColumns({ flowId, ...params })),
    [huntingColumns, flowId],
  );
  const { selectedId, graph, issues, editable } = useEditorStore(
    useShallow((s) => ({
      selectedId: inspectedNodeId(s),
      graph: s.viewing?.graph ?? s.graph,
      issues: s.issues,
      editable: isEditable(s),
    })),
  );
  const node = selectedId === null ? undefined : graph.nodes.find((n) => n.id === selectedId);
  const nodeIssues = useMemo(() => (node ? issues.filter((i) => i.nodeId === node.id) : []), [issues, node]);
  const onChange = useCallback((patch: NodePatch, group?: string) => {
    if (selectedId !== null) cmd.updateNode(api, selectedId, patch, group);
  }, [api, selectedId]);
  const onClose = useCallback(() => api.getState().actions.setSelection([], []), [api]);

  let content;
  if (panel === 'versions') content = <VersionsPanel onClose={() => onPanel('auto')} />;
  else if (node !== undefined) {
    content = (
      <>
        <div className="min-h-0 flex-1">
          <Inspector key={node.id} node={node} graph={graph} connections={connections} samples={samples} issues={nodeIssues} readOnly={!editable} getColumns={getColumns} onChange={onChange} onClose={onClose} />
        </div>
        {editable && <NodeConnections graph={graph} nodeId={node.id} />}
      </>
    );
  } else return null;

  return <SidePanel>{content}</SidePanel>;
}
