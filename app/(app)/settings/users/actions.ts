'use server';
// User management mutations. Each one re-checks users:manage on the server (the page hiding a
// control proves nothing); the services audit and enforce the last-admin guard.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { inviteUser, resetUserPassword, updateUser } from '@/server/services/user-admin';
import { authoriseAction } from '../../../_lib/auth';
import { failure, type ActionResult } from '../../../_lib/action-result';
import type { LinkView, UserView } from '@/components/users/types';
import { linkView, userView } from '../../../_lib/user-views';

const ZId = z.guid();

export async function inviteUserAction(input: unknown): Promise<ActionResult<{ user: UserView; link: LinkView }>> {
  const auth = await authoriseAction('users:manage');
  if (!auth.ok) return auth;
  try {
    const { user, link } = await inviteUser(auth.principal, input);
    revalidatePath('/settings/users');
    return { ok: true, data: { user: userView(user), link: linkView(link) } };
  } catch (e) {
    return failure(e, 'The invitation could not be created.');
  }
}

export async function updateUserAction(id: unknown, patch: unknown): Promise<ActionResult<UserView>> {
  const auth = await authoriseAction('users:manage');
  if (!auth.ok) return auth;
  const ids = ZId.safeParse(id);
  if (!ids.success) return { ok: false, error: 'Invalid request.' };
  try {
    const user = await updateUser(auth.principal, ids.data, patch);
    revalidatePath('/settings/users');
    return { ok: true, data: userView(user) };
  } catch (e) {
    return failure(e, 'The user could not be changed.');
  }
}

export async function resetUserAction(id: unknown): Promise<ActionResult<{ user: UserView; link: LinkView }>> {
  const auth = await authoriseAction('users:manage');
  if (!auth.ok) return auth;
  const ids = ZId.safeParse(id);
  if (!ids.success) return { ok: false, error: 'Invalid request.' };
  try {
    const { user, link } = await resetUserPassword(auth.principal, ids.data);
    revalidatePath('/settings/users');
    return { ok: true, data: { user: userView(user), link: linkView(link) } };
  } catch (e) {
    return failure(e, 'The password could not be reset.');
  }
}
