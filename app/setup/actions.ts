'use server';
import { redirect } from 'next/navigation';
import { login, setupFirstAdmin } from '@/server/services/users';
import { isServiceError } from '@/server/services/errors';
import { currentSessionToken, requestOrigin, setSessionCookie } from '../_lib/auth';
import { logUnexpected } from '@/server/log/unexpected';

export interface SetupState {
  error: string | null;
  email: string;
  name: string;
}

export async function setupAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const email = String(form.get('email') ?? '');
  const name = String(form.get('name') ?? '');
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('confirm') ?? '')) return { error: 'The passwords do not match.', email, name };
  try {
    // setupFirstAdmin itself refuses (409) once any user exists, so a race cannot create two.
    const from = await requestOrigin();
    await setupFirstAdmin({ email, name, password }, from);
    const session = await login({ email, password }, { ...from, previousSessionToken: await currentSessionToken() });
    await setSessionCookie(session.token, session.absoluteExpiresAt);
  } catch (e) {
    if (isServiceError(e)) return { error: e.message, email, name };
    logUnexpected('setup', 'first-run setup failed unexpectedly', e);
    return { error: 'Setup failed. Try again.', email, name };
  }
  redirect('/dashboard');
}
