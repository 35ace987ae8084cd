'use client';
// Small building blocks shared by the editor's panels and dialogs, so buttons and dialogs look
// and behave the same everywhere in the designer.
import { useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { EditorIcon } from './icons';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-indigo-600 text-white shadow-xs hover:bg-indigo-500 disabled:bg-indigo-300',
  secondary: 'border border-slate-300 bg-white text-slate-700 shadow-xs hover:bg-slate-50 disabled:text-slate-400',
  ghost: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent',
  danger: 'bg-red-600 text-white shadow-xs hover:bg-red-500 disabled:bg-red-300',
};

export function Button({ variant = 'secondary', icon, children, className = '', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; icon?: string }) {
  return (
    <button
      type="button"
      {...rest}
      className={`inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium whitespace-nowrap transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
    >
      {icon && <EditorIcon name={icon} className="h-4 w-4" />}
      {children}
    </button>
  );
}

/** An icon-only toolbar button; the accessible name is `label` (also the tooltip). */
export function IconButton({ icon, label, shortcut, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { icon: string; label: string; shortcut?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      {...rest}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 transition hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-slate-300 disabled:hover:bg-transparent"
    >
      <EditorIcon name={icon} className="h-4 w-4" />
    </button>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus trapping, Escape and the top layer come
 * from the browser. `onClose` runs on Escape; pass `dismissable={false}` to force a choice.
 */
export function Dialog({ title, children, footer, onClose, testId, dismissable = true, wide = false }: { title: string; children: ReactNode; footer: ReactNode; onClose(): void; testId?: string; dismissable?: boolean; wide?: boolean }) {
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
        if (dismissable) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? 'max-w-xl' : 'max-w-md'} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40`}
    >
      <div className="px-5 pt-5 pb-4">
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="mt-2 text-sm text-slate-600">{children}</div>
      </div>
      <div className="flex flex-wrap justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div>
    </dialog>
  );
}
