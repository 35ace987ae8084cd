// GET /api/v1/users: every user. POST {email, name?, role}: invite → 201 with the one-time link.
import { NextResponse } from 'next/server';
import { inviteUser, listUsers } from '@/server/services/user-admin';
import { route } from '../_lib/handler';
import { linkView, userView } from '../../../_lib/user-views';

export const GET = route('users:manage', async () => ({ items: (await listUsers()).map(userView) }));

export const POST = route('users:manage', async ({ principal, json }) => {
  const { user, link } = await inviteUser(principal, await json());
  return NextResponse.json({ user: userView(user), link: linkView(link) }, { status: 201 });
});
