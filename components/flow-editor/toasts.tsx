'use client';
// Short messages from the editor (refused connections, paste results, save errors). Errors
// are announced assertively; they stay a little longer.
import { useEffect } from 'react';
import { useEditorActions, useEditorStore, type Toast } from './store';
import { EditorIcon } from './icons';

const TONE: Record<Toast['tone'], { box: string; icon: string }> = {
  info: { box: 'border-slate-200 bg-white text-slate-800', icon: 'info' },
  success: { box: 'border-emerald-200 bg-emerald-50 text-emerald-900', icon: 'check' },
  error: { box: 'border-red-200 bg-red-50 text-red-900', icon: 'alert' },
};

function ToastItem({ toast }: { toast: Toast }) {
  const { dismissToast } = useEditorActions();
  useEffect(() => {
    const t = setTimeout(() => dismissToast(toast.id), toast.tone === 'error' ? 7000 : 4000);
    return () => clearTimeout(t);
  }, [toast, dismissToast]);
  const tone = TONE[toast.tone];
  return (
    <div role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="editor-toast" className={`pointer-events-auto flex max-w-md items-start gap-2 rounded-lg border px-3 py-2 text-sm shadow-lg ${tone.box}`}>
      <EditorIcon name={tone.icon} className="mt-0.5 h-4 w-4 shrink-0" />
      <p className="flex-1">{toast.text}</p>
      <button type="button" aria-label="Dismiss" onClick={() => dismissToast(toast.id)} className="text-current opacity-50 hover:opacity-100">
        <EditorIcon name="x" className="h-3.5 w-3.5" />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useEditorStore((s) => s.toasts);
  return (
    <div className="pointer-events-none absolute inset-x-0 top-16 z-40 flex flex-col items-center gap-2 px-4">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
