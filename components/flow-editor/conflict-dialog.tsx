'use client';
// When a save is refused because the flow changed elsewhere, the user chooses: take the other
// version (undoable here) or keep theirs as a new flow. Nothing is ever silently overwritten.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useShallow } from 'zustand/react/shallow';
import { useEditorServices } from './services';
import { useEditorActions, useEditorStore } from './store';
import { Button, Dialog } from './parts';

export function ConflictDialog() {
  const conflict = useEditorStore((s) => (s.save.status === 'conflict' ? s.save.conflict : null));
  if (conflict === null) return null;
  return <ConflictChoice key={conflict.draftVersion} />;
}

function ConflictChoice() {
  const router = useRouter();
  const { actions, autosave } = useEditorServices();
  const store = useEditorActions();
  const conflict = useEditorStore((s) => s.save.conflict);
  const mine = useEditorStore(useShallow((s) => ({ name: s.name, description: s.description, graph: s.graph })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (conflict === null) return null;

  const reloadTheirs = () => {
    store.replaceFromServer(conflict.graph, { name: conflict.name, description: conflict.description });
    store.setFlowState({ enabled: conflict.enabled, publishedVersion: conflict.publishedVersion });
    autosave()?.reset(conflict.draftVersion);
    store.toast('info', 'Loaded the latest version. Undo (Ctrl+Z) brings your changes back.');
  };

  const keepMine = async () => {
    setBusy(true);
    // The server names the new flow "<name> (copy)"; adding a suffix here too gave "(my copy) (copy)".
    const r = await actions.saveAsCopy({ name: mine.name, description: mine.description, graph: mine.graph }).catch(() => ({ ok: false as const, message: 'Could not reach the server.' }));
    if (!r.ok) {
      setBusy(false);
      setError(r.message);
      return;
    }
    // Our edits now live in the copy: forget them here so this flow offers no recovery later.
    autosave()?.reset(conflict.draftVersion);
    router.push(`/flows/${r.id}`);
  };

  return (
    <Dialog
      title={`This flow was changed elsewhere (version ${conflict.draftVersion})`}
      testId="conflict-dialog"
      dismissable={false}
      onClose={() => undefined}
      footer={
        <>
          <Button onClick={reloadTheirs} disabled={busy}>
            Reload theirs
          </Button>
          <Button variant="primary" onClick={keepMine} disabled={busy}>
            {busy ? 'Saving a copy…' : 'Keep mine as a copy'}
          </Button>
        </>
      }
    >
      <p>Someone saved this flow (in another tab or by another person) after you opened it, so your latest changes were not saved over theirs.</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          <strong className="font-medium text-slate-800">Reload theirs</strong> shows their version; your changes stay one undo away.
        </li>
        <li>
          <strong className="font-medium text-slate-800">Keep mine as a copy</strong> saves your version as a new flow and opens it.
        </li>
      </ul>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
    </Dialog>
  );
}
