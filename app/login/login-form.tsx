'use client';
import { useActionState } from 'react';
import { loginAction, type LoginState } from './actions';
import { FormError, SubmitButton, TextField } from '@/components/ui/form';

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { error: null, email: '' });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <FormError testId="login-error">{state.error}</FormError>}
      <TextField label="Email" name="email" type="email" autoComplete="username" defaultValue={state.email} required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
