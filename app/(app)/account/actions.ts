'use server';
// Your account: change password, sign sessions out. Each action re-checks the session itself.
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changePassword, revokeSessions } from '@/server/services/account';
import { isServiceError } from '@/server/services/errors';
import { authoriseAction, clearSessionCookie, currentSessionToken } from '../../_lib/auth';
import { failure, type ActionResult } from '../../_lib/action-result';
import type { PasswordChangeState } from '@/components/account/password-change-form';
import { logUnexpected } from '@/server/log/unexpected';

export async function changePasswordAction(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return { error: auth.error, fieldErrors: {}, done: null };
  try {
    const { otherSessionsEnded } = await changePassword(
      auth.principal,
      { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? ''), confirmPassword: String(form.get('confirmPassword') ?? '') },
      await currentSessionToken(),
    );
    revalidatePath('/account');
    const others = otherSessionsEnded === 1 ? '1 other session was signed out' : `${otherSessionsEnded} other sessions were signed out`;
    return { error: null, fieldErrors: {}, done: `Password changed. ${others}.` };
  } catch (e) {
    if (isServiceError(e)) {
      const fieldErrors: Record<string, string> = {};
      if (Array.isArray(e.details)) for (const d of e.details as { path?: string; message?: string }[]) if (d.path && d.message) fieldErrors[d.path] ??= d.message;
      return { error: Object.keys(fieldErrors).length > 0 ? null : e.message, fieldErrors, done: null };
    }
    logUnexpected('account', 'password change failed unexpectedly', e);
    return { error: 'The password could not be changed. Try again.', fieldErrors: {}, done: null };
  }
}

export async function revokeSessionAction(sessionId: unknown): Promise<ActionResult<number>> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return auth;
  const id = z.guid().safeParse(sessionId);
  if (!id.success) return { ok: false, error: 'Invalid request.' };
  try {
    const n = await revokeSessions(auth.principal, { scope: 'one', sessionId: id.data }, await currentSessionToken());
    revalidatePath('/account');
    return { ok: true, data: n };
  } catch (e) {
    return failure(e, 'The session could not be signed out.');
  }
}

export async function revokeOtherSessionsAction(): Promise<ActionResult<number>> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return auth;
  try {
    const n = await revokeSessions(auth.principal, { scope: 'others' }, await currentSessionToken());
    revalidatePath('/account');
    return { ok: true, data: n };
  } catch (e) {
    return failure(e, 'The other sessions could not be signed out.');
  }
}

/** Every session including this one: back to the sign-in page. */
export async function signOutEverywhereAction(): Promise<ActionResult<number>> {
  const auth = await authoriseAction('account:manage');
  if (!auth.ok) return auth;
  try {
    await revokeSessions(auth.principal, { scope: 'all' }, await currentSessionToken());
    await clearSessionCookie();
  } catch (e) {
    return failure(e, 'The sessions could not be signed out.');
  }
  redirect('/login');
}
