'use client';
// The editor's command bar: name and description, save status, history, layout, import/export,
// versions, checker count, on/off and publish. Button names are what users (and tests) look for.
import { useRef, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import * as cmd from './commands';
import { exportFileName, exportFlow } from './model/import-export';
import { canRedo, canUndo } from './model/history';
import { useEditorServices } from './services';
import { isEditable, useEditorStore, useEditorStoreApi } from './store';
import { Button, IconButton } from './parts';
import { SaveStatusIndicator } from './save-status';
import { PublishDialog } from './publish-dialog';
import { RunNowDialog } from './run-now-dialog';

export type RightPanel = 'auto' | 'versions';

export function Toolbar({ panel, onPanel, onChecker }: { panel: RightPanel; onPanel(p: RightPanel): void; onChecker(): void }) {
  const api = useEditorStoreApi();
  const { actions, flowId, autosave } = useEditorServices();
  const s = useEditorStore(
    useShallow((st) => ({
      name: st.name,
      description: st.description,
      editable: isEditable(st),
      canWrite: st.canWrite,
      canUndo: canUndo(st.history),
      canRedo: canRedo(st.history),
      errors: st.issues.filter((i) => i.severity === 'error').length,
      warnings: st.issues.filter((i) => i.severity === 'warning').length,
      enabled: st.enabled,
      publishedVersion: st.publishedVersion,
      viewing: st.viewing !== null,
      checking: st.issuesPending,
    })),
  );
  const [publishing, setPublishing] = useState(false);
  const [runningNow, setRunningNow] = useState(false);
  const [toggling, setToggling] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const store = api.getState().actions;

  const onExport = () => {
    const { name, description, graph } = api.getState();
    const url = URL.createObjectURL(new Blob([exportFlow({ name, description, graph })], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const onImportFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // importing the same file twice must fire change again
    if (!file) return;
    if (file.size > 5_000_000) return store.toast('error', 'Import failed: the file is larger than 5 MB.');
    cmd.importText(api, await file.text());
  };

  const onToggle = async () => {
    setToggling(true);
    const next = !s.enabled;
    const r = await actions.setEnabled({ flowId, enabled: next }).catch(() => ({ ok: false as const, message: 'Could not reach the server.' }));
    setToggling(false);
    if (r.ok) {
      store.setFlowState({ enabled: r.enabled });
      store.toast('success', r.enabled ? 'The flow is on: new alerts start runs.' : 'The flow is off: no new runs start.');
    } else store.toast('error', r.message);
  };

  const checkerLabel = s.checking ? 'Checking…' : s.errors > 0 ? `${s.errors} ${s.errors === 1 ? 'error' : 'errors'}` : s.warnings > 0 ? `${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}` : 'No issues';

  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-3 py-2">
      <div className="min-w-0 flex-1">
        <input
          aria-label="Flow name"
          value={s.name}
          readOnly={!s.editable}
          onChange={(e) => store.setMeta({ name: e.target.value })}
          placeholder="Untitled flow"
          className="block w-full max-w-md truncate rounded px-1 py-0.5 text-base font-semibold text-slate-900 outline-none hover:bg-slate-50 focus:bg-white focus:ring-2 focus:ring-indigo-500/30 read-only:hover:bg-transparent"
        />
        <div className="flex items-center gap-3">
          <input
            aria-label="Flow description"
            value={s.description}
            readOnly={!s.editable}
            onChange={(e) => store.setMeta({ description: e.target.value })}
            placeholder={s.editable ? 'Add a description' : ''}
            className="block w-full max-w-md truncate rounded px-1 text-xs text-slate-500 outline-none placeholder:text-slate-400 hover:bg-slate-50 focus:bg-white focus:ring-2 focus:ring-indigo-500/30 read-only:hover:bg-transparent"
          />
        </div>
      </div>

      <SaveStatusIndicator />

      <div className="flex items-center gap-0.5 border-l border-slate-200 pl-2">
        {/* Editing commands: disabled while an editor looks at an old version, absent for a role that cannot edit. */}
        {s.canWrite && (
          <>
            <IconButton icon="undo" label="Undo" shortcut="Ctrl+Z" disabled={!s.editable || !s.canUndo} onClick={() => store.undo()} />
            <IconButton icon="redo" label="Redo" shortcut="Ctrl+Shift+Z" disabled={!s.editable || !s.canRedo} onClick={() => store.redo()} />
            <IconButton icon="layout" label="Tidy up" disabled={!s.editable} onClick={() => cmd.tidy(api)} />
          </>
        )}
        <IconButton icon="download" label="Export" onClick={onExport} />
        {s.canWrite && (
          <>
            <IconButton icon="upload" label="Import" disabled={!s.editable} onClick={() => fileRef.current?.click()} />
            <input ref={fileRef} type="file" accept="application/json,.json" className="hidden" aria-hidden="true" tabIndex={-1} onChange={onImportFile} />
          </>
        )}
        <IconButton icon="history" label="Versions" aria-pressed={panel === 'versions'} onClick={() => onPanel(panel === 'versions' ? 'auto' : 'versions')} />
      </div>

      <button
        type="button"
        data-testid="checker-count"
        data-errors={s.errors}
        aria-label={`Flow checker: ${checkerLabel}`}
        onClick={onChecker}
        className={`inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium ring-1 ring-inset ${
          s.errors > 0 ? 'bg-red-50 text-red-700 ring-red-600/20' : s.warnings > 0 ? 'bg-amber-50 text-amber-800 ring-amber-600/25' : 'bg-emerald-50 text-emerald-700 ring-emerald-600/20'
        }`}
      >
        <span className={`h-1.5 w-1.5 rounded-full ${s.errors > 0 ? 'bg-red-500' : s.warnings > 0 ? 'bg-amber-500' : 'bg-emerald-500'}`} aria-hidden="true" />
        {checkerLabel}
      </button>

      {s.canWrite && (
        <div className="flex items-center gap-2 border-l border-slate-200 pl-3">
          <Button onClick={() => void autosave()?.flush()} disabled={s.viewing}>
            Save
          </Button>
          <button
            type="button"
            role="switch"
            aria-checked={s.enabled}
            aria-label="Flow on"
            disabled={toggling || s.publishedVersion === null}
            title={s.publishedVersion === null ? 'Publish the flow before switching it on' : s.enabled ? 'On: new alerts start runs' : 'Off: no new runs'}
            onClick={onToggle}
            className="group inline-flex items-center gap-2 text-sm text-slate-600 disabled:cursor-not-allowed disabled:opacity-50"
          >
            <span className={`relative inline-flex h-5 w-9 shrink-0 rounded-full transition ${s.enabled ? 'bg-emerald-500' : 'bg-slate-300'}`}>
              <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition ${s.enabled ? 'left-4.5' : 'left-0.5'}`} />
            </span>
            {s.enabled ? 'On' : 'Off'}
          </button>
          {actions.manualRun && (
            <Button icon="play" disabled={s.viewing} onClick={() => setRunningNow(true)}>
              Run now
            </Button>
          )}
          <Button variant="primary" icon="rocket" disabled={s.errors > 0 || s.viewing || s.checking} title={s.errors > 0 ? 'Fix the errors the flow checker lists first' : undefined} onClick={() => setPublishing(true)}>
            Publish
          </Button>
        </div>
      )}
      {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
      {runningNow && actions.manualRun && <RunNowDialog actions={actions.manualRun} onClose={() => setRunningNow(false)} />}
    </header>
  );
}
