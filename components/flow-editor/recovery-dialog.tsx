'use client';
// After a reload, offers edits that were backed up locally but never reached the server
// (a failed save, a crash, a closed tab while offline).
import { useEffect, useState } from 'react';
import { clearBackup, recoverableBackup, type LocalBackup } from './model/autosave';
import { browserStorage } from './use-autosave';
import { useEditorActions, useEditorStore } from './store';
import { Button, Dialog } from './parts';
import type { EditorFlow } from './types';

export function RecoveryDialog({ flow }: { flow: EditorFlow }) {
  const store = useEditorActions();
  const canWrite = useEditorStore((s) => s.canWrite);
  const [offer, setOffer] = useState<{ backup: LocalBackup; stale: boolean } | null>(null);

  // Client only (localStorage), once per mount.
  useEffect(() => {
    if (canWrite) setOffer(recoverableBackup(browserStorage(), flow));
  }, [flow, canWrite]);

  if (offer === null) return null;
  const { backup, stale } = offer;
  const when = new Date(backup.savedAt);
  return (
    <Dialog
      title="Recover unsaved changes?"
      testId="recovery-dialog"
      dismissable={false}
      onClose={() => undefined}
      footer={
        <>
          <Button
            onClick={() => {
              clearBackup(browserStorage(), flow.id);
              setOffer(null);
            }}
          >
            Discard them
          </Button>
          <Button
            variant="primary"
            onClick={() => {
              // A user edit: undoable, and autosave saves it over the server draft.
              store.apply(backup.graph);
              store.setMeta({ name: backup.name, description: backup.description });
              setOffer(null);
            }}
          >
            Recover unsaved changes
          </Button>
        </>
      }
    >
      <p>
        This browser kept changes to this flow from {Number.isNaN(when.getTime()) ? 'an earlier visit' : when.toLocaleString()} that were never saved to the server.
      </p>
      {stale && <p className="mt-2 text-amber-800">The flow has been saved elsewhere since then: recovering replaces that newer draft (you can undo).</p>}
    </Dialog>
  );
}
