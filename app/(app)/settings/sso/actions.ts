'use server';
// Saving the SSO settings: admin-only (settings:manage), re-checked here whatever the page showed.
import { revalidatePath } from 'next/cache';
import { updateSsoSettings } from '@/server/auth/sso/settings';
import { authoriseAction } from '../../../_lib/auth';
import { failure, type ActionResult } from '../../../_lib/action-result';
import type { SsoSettingsFormView } from '@/components/sso/types';
import { toFormView } from './view';

export async function saveSsoSettingsAction(input: unknown): Promise<ActionResult<SsoSettingsFormView>> {
  const auth = await authoriseAction('settings:manage');
  if (!auth.ok) return auth;
  try {
    const saved = await updateSsoSettings(auth.principal, input);
    revalidatePath('/settings/sso');
    return { ok: true, data: toFormView(saved) };
  } catch (e) {
    return failure(e, 'The single sign-on settings could not be saved.');
  }
}
