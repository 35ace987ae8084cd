'use client';
// The autosave indicator: always visible, so the user knows whether their work is safe.
import { useEditorStore } from './store';
import type { SaveStatus } from './model/autosave';
import { EditorIcon } from './icons';

const LOOK: Record<SaveStatus, { text: string; className: string; icon: string }> = {
  saved: { text: 'Saved', className: 'text-slate-500', icon: 'check' },
  dirty: { text: 'Unsaved changes', className: 'text-slate-500', icon: 'cloud' },
  saving: { text: 'Saving…', className: 'text-slate-500', icon: 'cloud' },
  offline: { text: 'Offline — changes kept locally', className: 'text-amber-700', icon: 'cloud-off' },
  conflict: { text: 'Conflict — changed elsewhere', className: 'text-red-700', icon: 'alert' },
  error: { text: 'Not saved', className: 'text-red-700', icon: 'alert' },
};

export function SaveStatusIndicator() {
  const save = useEditorStore((s) => s.save);
  const canWrite = useEditorStore((s) => s.canWrite);
  if (!canWrite) return <span className="text-xs text-slate-500">Read-only</span>;
  const look = LOOK[save.status];
  const detail = save.status === 'error' && save.message ? `: ${save.message}` : '';
  return (
    <span data-testid="save-status" data-status={save.status} role="status" className={`inline-flex items-center gap-1 text-xs whitespace-nowrap ${look.className}`} title={save.lastSavedAt ? `Last saved ${new Date(save.lastSavedAt).toLocaleTimeString()}` : undefined}>
      <EditorIcon name={look.icon} className={`h-3.5 w-3.5 ${save.status === 'saving' ? 'animate-pulse' : ''}`} />
      {look.text}
      {detail}
    </span>
  );
}
