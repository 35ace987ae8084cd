'use client';
// Version history: who published what and when; view a version read-only on the canvas,
// restore it as the draft, or discard the draft (= restore the latest published version).
import { useCallback, useEffect, useState } from 'react';
import type { TDraftGraph } from '@/core/flow/schema';
import { formatRelative, formatUtc } from '@/components/ui/format';
import { useEditorServices } from './services';
import { useEditorActions, useEditorStore } from './store';
import { Button, Dialog } from './parts';
import { EditorIcon } from './icons';
import type { VersionSummary } from './types';

/** Restores `version` as the draft; shared by the panel and the read-only banner. */
export function useRestoreVersion() {
  const { actions, flowId, autosave } = useEditorServices();
  const store = useEditorActions();
  return useCallback(
    async (version: number, known?: TDraftGraph): Promise<boolean> => {
      const graph = known ?? (await actions.getVersion({ flowId, version }).catch(() => null))?.graph;
      if (!graph) {
        store.toast('error', `Version ${version} could not be loaded.`);
        return false;
      }
      const ctl = autosave();
      await ctl?.flush();
      const baseVersion = ctl?.getState().baseVersion ?? 0;
      const r = await actions.restoreVersion({ flowId, version, baseVersion }).catch(() => null);
      if (r === null) {
        store.toast('error', 'Could not reach the server; nothing was restored.');
        return false;
      }
      if (!r.ok) {
        store.toast('error', r.message);
        return false;
      }
      // A history step: undo brings the previous draft back (and autosave then saves it).
      store.replaceFromServer(graph);
      ctl?.reset(r.draftVersion, r.savedAt);
      store.toast('success', `Version ${version} restored as the draft.`);
      return true;
    },
    [actions, flowId, autosave, store],
  );
}

export function VersionsPanel({ onClose }: { onClose(): void }) {
  const { actions, flowId } = useEditorServices();
  const store = useEditorActions();
  const viewing = useEditorStore((s) => s.viewing);
  const canWrite = useEditorStore((s) => s.canWrite);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ version: number; discard: boolean } | null>(null);
  const restore = useRestoreVersion();

  useEffect(() => {
    let live = true;
    actions
      .listVersions({ flowId })
      .then((v) => live && setVersions([...v].sort((a, b) => b.version - a.version)))
      .catch(() => live && setError('Could not load the versions.'));
    return () => {
      live = false;
    };
  }, [actions, flowId]);

  const view = async (version: number) => {
    const v = await actions.getVersion({ flowId, version }).catch(() => null);
    if (v === null) return store.toast('error', `Version ${version} could not be loaded.`);
    store.view({ version: v.version, graph: v.graph });
  };

  const latest = versions?.[0];
  const now = Date.now();
  return (
    <section aria-label="Versions" className="flex h-full min-h-0 flex-col">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Versions</h2>
          <p className="text-xs text-slate-500">Published versions are immutable; runs keep the version they started with.</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close versions" className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <EditorIcon name="x" className="h-4 w-4" />
        </button>
      </div>
      {canWrite && latest && (
        <div className="border-b border-slate-100 px-4 py-2.5">
          <button type="button" className="text-sm font-medium text-red-700 hover:underline" onClick={() => setConfirm({ version: latest.version, discard: true })}>
            Discard draft
          </button>
          <p className="text-xs text-slate-500">Go back to version {latest.version}, dropping every change since it was published.</p>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {error && <p className="px-4 py-3 text-sm text-red-700">{error}</p>}
        {versions === null && !error && <p className="px-4 py-3 text-sm text-slate-500">Loading…</p>}
        {versions?.length === 0 && <p className="px-4 py-6 text-center text-sm text-slate-500">Nothing published yet. Publish to create version 1.</p>}
        <ul className="divide-y divide-slate-100">
          {versions?.map((v) => (
            <li key={v.version} data-testid={`version-row-${v.version}`} className={`px-4 py-2.5 ${viewing?.version === v.version ? 'bg-indigo-50' : ''}`}>
              <div className="flex items-baseline justify-between gap-2">
                <span className="text-sm font-semibold text-slate-900">
                  Version {v.version}
                  {v.version === latest?.version && <span className="ml-2 rounded bg-emerald-50 px-1.5 py-px text-[11px] font-medium text-emerald-700">Latest published</span>}
                </span>
                <time dateTime={v.createdAt} title={formatUtc(v.createdAt)} className="text-xs text-slate-500">
                  {formatRelative(v.createdAt, now)}
                </time>
              </div>
              <p className="text-xs text-slate-500">
                {v.createdBy ?? 'Unknown user'} · {v.nodeCount} steps
              </p>
              <div className="mt-1.5 flex gap-1">
                <Button variant="ghost" icon="eye" className="!h-7 !px-2 text-xs" onClick={() => void view(v.version)} aria-label={`View version ${v.version}`}>
                  View
                </Button>
                {canWrite && (
                  <Button variant="ghost" icon="history" className="!h-7 !px-2 text-xs" onClick={() => setConfirm({ version: v.version, discard: false })} aria-label={`Restore version ${v.version}`}>
                    Restore
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </div>
      {confirm && (
        <Dialog
          title={confirm.discard ? 'Discard the draft?' : `Restore version ${confirm.version}?`}
          onClose={() => setConfirm(null)}
          footer={
            <>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
              <Button
                variant={confirm.discard ? 'danger' : 'primary'}
                onClick={async () => {
                  const c = confirm;
                  setConfirm(null);
                  await restore(c.version, viewing?.version === c.version ? viewing.graph : undefined);
                }}
              >
                {confirm.discard ? 'Discard draft' : 'Restore'}
              </Button>
            </>
          }
        >
          {confirm.discard
            ? `The draft is replaced by version ${confirm.version}. You can still undo this in this tab.`
            : `The draft is replaced by version ${confirm.version}; nothing is published until you publish. You can undo this in this tab.`}
        </Dialog>
      )}
    </section>
  );
}
