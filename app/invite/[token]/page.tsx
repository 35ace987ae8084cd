// /invite/<token>: where an invited user (or one whose password an admin reset) sets a password.
// The one-time link is the only credential; a used, expired or replaced link shows why not.
import type { Metadata } from 'next';
import Link from 'next/link';
import { findPasswordLink } from '@/server/services/password-links';
import { AuthCard } from '@/components/shell/auth-card';
import { SetPasswordForm } from '@/components/account/set-password-form';
import { formatUtc } from '@/components/ui/format';
import { setPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findPasswordLink(token);
  if (!link) {
    return (
      <AuthCard title="This link does not work" subtitle="Links to set a password work once and expire after 72 hours.">
        <div className="space-y-4 text-sm text-slate-600" data-testid="invite-invalid">
          <p>It was already used, has expired, or an administrator issued a newer one. Ask your Riposte administrator for a new link.</p>
          <Link href="/login" className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500">
            Go to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  const invite = link.purpose === 'invite';
  return (
    <AuthCard
      title={invite ? 'Welcome to Riposte' : 'Choose a new password'}
      subtitle={invite ? `${link.name ? `${link.name}, you` : 'You'} have been invited. Choose a password to finish setting up your account.` : 'An administrator reset your password. Choose a new one to sign in again.'}
    >
      <SetPasswordForm email={link.email} action={setPasswordAction.bind(null, token)} />
      <p className="mt-4 text-center text-xs text-slate-500">This link works once and expires {formatUtc(link.expiresAt.toISOString())}.</p>
    </AuthCard>
  );
}
