import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { userCount } from '@/server/services/users';
import { AuthCard } from '@/components/shell/auth-card';
import { SetupForm } from './setup-form';

export const metadata: Metadata = { title: 'First-run setup' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  // First run only: once anyone exists, accounts are created by an administrator.
  if ((await userCount()) > 0) redirect('/login');
  return (
    <AuthCard title="Set up Riposte" subtitle="Create the first administrator account.">
      <SetupForm />
    </AuthCard>
  );
}
