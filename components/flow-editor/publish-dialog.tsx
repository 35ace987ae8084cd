'use client';
// Publish: save pending edits, show what changed since the last published version, then
// create the new immutable version. Refused (button disabled) while the checker has errors.
import { useEffect, useState } from 'react';
import { useEditorServices } from './services';
import { useEditorActions, useEditorStore } from './store';
import { Button, Dialog } from './parts';
import type { GraphChange } from './types';

const KIND: Record<GraphChange['kind'], string> = { added: 'text-emerald-700 bg-emerald-50', removed: 'text-red-700 bg-red-50', changed: 'text-amber-800 bg-amber-50' };

type Phase = { step: 'loading' } | { step: 'ready'; changes: GraphChange[] } | { step: 'publishing'; changes: GraphChange[] } | { step: 'failed'; message: string; changes: GraphChange[] };

export function PublishDialog({ onClose }: { onClose(): void }) {
  const { actions, flowId, autosave } = useEditorServices();
  const store = useEditorActions();
  const publishedVersion = useEditorStore((s) => s.publishedVersion);
  const issues = useEditorStore((s) => s.issues);
  // Permission warnings do not block publishing, but the step would fail with 403: say so here too.
  const permissionWarnings = issues.filter((i) => i.code === 'ConnectionLacksPermission');
  const [phase, setPhase] = useState<Phase>({ step: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      // The server publishes its stored draft: make sure it has our latest edits first.
      await autosave()?.flush();
      const status = autosave()?.getState().status ?? 'saved';
      if (status !== 'saved') {
        if (live) setPhase({ step: 'failed', message: 'Your latest changes are not saved yet; publish again once the status says Saved.', changes: [] });
        return;
      }
      const changes = await actions.changesSincePublished({ flowId }).catch(() => []);
      if (live) setPhase({ step: 'ready', changes });
    })();
    return () => {
      live = false;
    };
  }, [actions, flowId, autosave]);

  const publish = async () => {
    if (phase.step !== 'ready') return;
    setPhase({ step: 'publishing', changes: phase.changes });
    const result = await actions.publish({ flowId }).catch((e: unknown) => ({ ok: false as const, code: 'Network', message: e instanceof Error ? e.message : 'Could not reach the server' }));
    if (!result.ok) {
      const detail = 'issues' in result && result.issues?.length ? ` (${result.issues.length} issues)` : '';
      setPhase({ step: 'failed', message: `${result.message}${detail}`, changes: phase.changes });
      return;
    }
    store.setFlowState({ publishedVersion: result.version });
    const warned = result.warnings?.filter((w) => w.code === 'ConnectionLacksPermission').length ?? 0;
    store.toast('success', `Published version ${result.version}.${warned > 0 ? ` ${warned} step${warned === 1 ? '' : 's'} may fail with 403: see the flow checker.` : ''}`);
    onClose();
  };

  const changes = phase.step === 'loading' ? [] : phase.changes;
  return (
    <Dialog
      title={publishedVersion === null ? 'Publish the first version' : `Publish version ${publishedVersion + 1}`}
      onClose={onClose}
      testId="publish-dialog"
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="rocket" onClick={publish} disabled={phase.step !== 'ready'}>
            {phase.step === 'publishing' ? 'Publishing…' : 'Publish now'}
          </Button>
        </>
      }
    >
      <p>Runs started from now on use the new version; runs in progress finish on the version they started with.</p>
      {permissionWarnings.length > 0 && (
        <div data-testid="publish-permission-warnings" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          <p className="font-medium">Missing permissions</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {permissionWarnings.map((w) => (
              <li key={`${w.nodeId}:${w.message}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {phase.step === 'loading' && <p className="mt-3 text-slate-500">Saving and comparing with the published version…</p>}
      {phase.step === 'failed' && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {phase.message}
        </p>
      )}
      {phase.step !== 'loading' && (
        <div className="mt-3">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{publishedVersion === null ? 'Everything is new' : 'Changes since the published version'}</h3>
          {changes.length === 0 ? (
            <p className="mt-1 text-slate-500">{publishedVersion === null ? 'This is the first version of the flow.' : 'No changes: publishing creates an identical version.'}</p>
          ) : (
            <ul data-testid="publish-changes" className="mt-2 max-h-56 space-y-1 overflow-y-auto">
              {changes.map((c) => (
                <li key={`${c.what}:${c.id}`} className="flex items-baseline gap-2">
                  <span className={`rounded px-1.5 py-px text-[11px] font-semibold ${KIND[c.kind]}`}>{c.kind}</span>
                  <span className="text-slate-800">
                    {c.what === 'node' ? 'Step' : 'Connection'} {c.label || c.id}
                  </span>
                  {c.fields && c.fields.length > 0 && <span className="truncate text-xs text-slate-500">({c.fields.join(', ')})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
