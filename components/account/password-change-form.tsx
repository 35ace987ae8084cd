'use client';
// Change your password: the current one, the new one twice. Other sessions are signed out.
import { useActionState, useEffect, useRef } from 'react';
import { FormError, TextField } from '../ui/form';

export interface PasswordChangeState {
  error: string | null;
  /** Message per field (currentPassword, newPassword, confirmPassword). */
  fieldErrors: Record<string, string>;
  done: string | null;
}

type Action = (prev: PasswordChangeState, form: FormData) => Promise<PasswordChangeState>;

function FieldError({ message, id }: { message?: string; id: string }) {
  if (!message) return null;
  return (
    <p id={id} className="-mt-2.5 text-xs text-red-700" data-testid={id}>
      {message}
    </p>
  );
}

export function PasswordChangeForm({ email, action }: { email: string; action: Action }) {
  const [state, formAction, pending] = useActionState<PasswordChangeState, FormData>(action, { error: null, fieldErrors: {}, done: null });
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.done) formRef.current?.reset();
  }, [state]);
  const f = state.fieldErrors;
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-4" noValidate data-testid="password-change-form">
      {state.error && <FormError testId="password-change-error">{state.error}</FormError>}
      {state.done && (
        <p role="status" data-testid="password-change-done" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {state.done}
        </p>
      )}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required aria-invalid={Boolean(f.currentPassword)} />
      <FieldError id="error-currentPassword" message={f.currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters." aria-invalid={Boolean(f.newPassword)} />
      <FieldError id="error-newPassword" message={f.newPassword} />
      <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required aria-invalid={Boolean(f.confirmPassword)} />
      <FieldError id="error-confirmPassword" message={f.confirmPassword} />
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? 'Changing…' : 'Change password'}
        </button>
        <p className="text-xs text-slate-500">Your other sessions will be signed out.</p>
      </div>
    </form>
  );
}
