'use client';
// Shown while a published version is on the canvas instead of the draft.
import { useEditorActions, useEditorStore } from './store';
import { useRestoreVersion } from './versions-panel';
import { Button } from './parts';
import { EditorIcon } from './icons';

export function VersionBanner() {
  const viewing = useEditorStore((s) => s.viewing);
  const canWrite = useEditorStore((s) => s.canWrite);
  const { view } = useEditorActions();
  const restore = useRestoreVersion();
  if (viewing === null) return null;
  return (
    <div role="status" data-testid="version-banner" className="flex items-center gap-3 border-b border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-900">
      <EditorIcon name="eye" className="h-4 w-4" />
      <span className="font-medium">Viewing version {viewing.version} — read-only</span>
      <span className="ml-auto flex gap-2">
        <Button onClick={() => view(null)}>Back to draft</Button>
        {canWrite && (
          <Button variant="primary" onClick={() => void restore(viewing.version, viewing.graph)}>
            Restore this version
          </Button>
        )}
      </span>
    </div>
  );
}
