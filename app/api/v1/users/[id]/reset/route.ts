// POST /api/v1/users/{id}/reset: voids the password, ends every session, returns a new one-time link.
import { z } from 'zod';
import { resetUserPassword } from '@/server/services/user-admin';
import { badRequest } from '@/server/services/errors';
import { route } from '../../../_lib/handler';
import { linkView, userView } from '../../../../../_lib/user-views';

export const POST = route<{ id: string }>('users:manage', async ({ principal, params }) => {
  if (!z.guid().safeParse(params.id).success) throw badRequest('The user id is not a valid id');
  const { user, link } = await resetUserPassword(principal, params.id);
  return { user: userView(user), link: linkView(link) };
});
