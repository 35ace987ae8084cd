// /settings/users: admin user management (users:manage, admin only).
import type { Metadata } from 'next';
import { listUsers } from '@/server/services/user-admin';
import { UsersManager } from '@/components/users/users-manager';
import { requirePage } from '../../../_lib/auth';
import { inviteUserAction, resetUserAction, updateUserAction } from './actions';
import { userView } from '../../../_lib/user-views';

export const metadata: Metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const principal = await requirePage('users:manage');
  const users = (await listUsers()).map(userView);
  return (
    <div className="max-w-6xl">
      <UsersManager users={users} meId={principal.userId} actions={{ invite: inviteUserAction, update: updateUserAction, reset: resetUserAction }} now={Date.now()} />
    </div>
  );
}
