'use client';
// The invitee's (or reset user's) form on /invite/<token>: a new password, typed twice.
import { useActionState } from 'react';
import { FormError, SubmitButton, TextField } from '../ui/form';

export interface SetPasswordState {
  error: string | null;
}

export function SetPasswordForm({ email, action }: { email: string; action: (prev: SetPasswordState, form: FormData) => Promise<SetPasswordState> }) {
  const [state, formAction, pending] = useActionState<SetPasswordState, FormData>(action, { error: null });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <FormError testId="set-password-error">{state.error}</FormError>}
      <div className="space-y-1.5">
        <p className="block text-sm font-medium text-slate-700">Email</p>
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="invite-email">
          {email}
        </p>
      </div>
      {/* For password managers: the account the new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters. A passphrase of a few words is easy to type and hard to guess." />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required />
      <SubmitButton pending={pending} pendingLabel="Saving…">Set password</SubmitButton>
    </form>
  );
}
