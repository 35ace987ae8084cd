// PATCH /api/v1/users/{id} {role?, disabled?}: change role, disable (ends sessions) or enable.
import { z } from 'zod';
import { updateUser } from '@/server/services/user-admin';
import { badRequest } from '@/server/services/errors';
import { route } from '../../_lib/handler';
import { userView } from '../../../../_lib/user-views';

export const PATCH = route<{ id: string }>('users:manage', async ({ principal, params, json }) => {
  if (!z.guid().safeParse(params.id).success) throw badRequest('The user id is not a valid id');
  return userView(await updateUser(principal, params.id, await json()));
});
