'use client';
// A modal dialog on the native <dialog> (focus trap, Escape and the backdrop come with it).
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({ title, description, children, footer, onClose, testId }: { title: string; description?: ReactNode; children: ReactNode; footer: ReactNode; onClose(): void; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40"
    >
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 className="text-base font-semibold">{title}</h2>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      <div className="max-h-[65vh] overflow-y-auto px-6 py-5">{children}</div>
      <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-6 py-3">{footer}</div>
    </dialog>
  );
}
