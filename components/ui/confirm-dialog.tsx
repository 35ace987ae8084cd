'use client';
// A modal that asks before a destructive server action (delete, revoke, reset): Cancel, a red
// confirm button that shows progress, and the server's refusal shown in place.
import { useState, useTransition, type ReactNode } from 'react';
import { Modal } from '../connections/modal';
import type { ActionResult } from '../action-result';

interface ConfirmDialogProps<T> {
  title: string;
  testId: string;
  confirmLabel: string;
  pendingLabel: string;
  onConfirm(): Promise<ActionResult<T>>;
  onDone(data: T): void;
  onClose(): void;
  /** Set when the server would refuse anyway (e.g. still in use); `disabledTitle` says why. */
  disabled?: boolean;
  disabledTitle?: string;
  /** data-testid of the error line, for specs that assert the server's answer. */
  errorTestId?: string;
  children: ReactNode;
}

export function ConfirmDialog<T>({ title, testId, confirmLabel, pendingLabel, onConfirm, onDone, onClose, disabled = false, disabledTitle, errorTestId, children }: ConfirmDialogProps<T>) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="button"
            disabled={pending || disabled}
            title={disabled ? disabledTitle : undefined}
            onClick={() =>
              start(async () => {
                const result = await onConfirm();
                if (result.ok) onDone(result.data);
                else setError(result.error);
              })
            }
            className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-red-500 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {pending ? pendingLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p role="alert" data-testid={errorTestId} className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </Modal>
  );
}
