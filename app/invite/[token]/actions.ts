'use server';
// Sets the password through a one-time link. Public (the link is the credential), so the token is
// checked again here; the page having rendered proves nothing.
import { redirect } from 'next/navigation';
import { usePasswordLink } from '@/server/services/password-links';
import { isServiceError } from '@/server/services/errors';
import { requestOrigin } from '../../_lib/auth';
import type { SetPasswordState } from '@/components/account/set-password-form';
import { logUnexpected } from '@/server/log/unexpected';

export async function setPasswordAction(token: string, _prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  try {
    await usePasswordLink(String(token), { password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') }, await requestOrigin());
  } catch (e) {
    if (isServiceError(e)) {
      // zod details name the field; show the message without the field prefix.
      const first = Array.isArray(e.details) ? (e.details[0] as { message?: string } | undefined)?.message : undefined;
      return { error: first ?? e.message };
    }
    logUnexpected('password-link', 'setting a password failed unexpectedly', e);
    return { error: 'The password could not be set. Try again.' };
  }
  redirect('/login?password=set');
}
