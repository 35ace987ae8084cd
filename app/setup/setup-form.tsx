'use client';
import { useActionState } from 'react';
import { setupAction, type SetupState } from './actions';
import { FormError, SubmitButton, TextField } from '@/components/ui/form';

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(setupAction, { error: null, email: '', name: '' });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <FormError>{state.error}</FormError>}
      <TextField label="Name" name="name" autoComplete="name" defaultValue={state.name} />
      <TextField label="Email" name="email" type="email" autoComplete="username" defaultValue={state.email} required />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required />
      <SubmitButton pending={pending} pendingLabel="Creating…">Create administrator</SubmitButton>
    </form>
  );
}
