'use server';
import { redirect } from 'next/navigation';
import { login } from '@/server/services/users';
import { isServiceError } from '@/server/services/errors';
import { currentSessionToken, requestOrigin, setSessionCookie } from '../_lib/auth';
import { logUnexpected } from '@/server/log/unexpected';

export interface LoginState {
  error: string | null;
  email: string;
}

// One message for every failure (unknown email, wrong password, malformed input) so the form
// never tells an attacker which accounts exist. The lockout message (429) is the same for known
// and unknown emails too.
const GENERIC = 'Email or password is incorrect.';

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  try {
    const session = await login({ email, password }, { ...(await requestOrigin()), previousSessionToken: await currentSessionToken() });
    await setSessionCookie(session.token, session.absoluteExpiresAt);
  } catch (e) {
    if (isServiceError(e) && (e.status === 400 || e.status === 401)) return { error: GENERIC, email };
    if (isServiceError(e) && e.status === 429) return { error: e.message, email };
    logUnexpected('login', 'sign-in failed unexpectedly', e);
    return { error: 'Sign-in is unavailable right now. Try again in a moment.', email };
  }
  redirect('/dashboard');
}
