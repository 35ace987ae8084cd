// GET /api/v1/users: every user. POST {email, name?, role}: invite → 201 with the one-time link.
import { NextResponse } from 'next/server';
import { inviteUser, listUsers } from '@/server/services/user-admin';
import { route } from '../_lib/handler';
import { linkJson, userJson } from './view';

export const GET = route('users:manage', async () => ({ items: (await listUsers()).map(userJson) }));

export const POST = route('users:manage', async ({ principal, json }) => {
  const { user, link } = await inviteUser(principal, await json());
  return NextResponse.json({ user: userJson(user), link: linkJson(link) }, { status: 201 });
});
