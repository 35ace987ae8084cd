import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { userCount } from '@/server/services/users';
import { getPrincipal } from '../_lib/auth';
import { AuthCard } from '@/components/shell/auth-card';
import { LoginForm } from './login-form';
import { SsoSignInButton } from '@/components/sso/sso-sign-in-button';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  if (await getPrincipal()) redirect('/dashboard');
  const firstRun = (await userCount()) === 0;
  // After /invite/<token>: the password is set; say so (nothing from the URL is echoed).
  const passwordSet = (await searchParams).password === 'set';
  return (
    <AuthCard title="Sign in to Riposte" subtitle="Automated response for Microsoft Defender for Endpoint">
      {firstRun ? (
        <div className="rounded-md border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-900">
          Riposte has no users yet.{' '}
          <Link href="/setup" className="font-medium underline underline-offset-2">
            Create the first administrator
          </Link>
          .
        </div>
      ) : (
        <>
          {passwordSet && (
            <p role="status" data-testid="password-set" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              Your password is set. Sign in with it now.
            </p>
          )}
          <LoginForm />
        </>
      )}
      {!firstRun && <SsoSignInButton />}
    </AuthCard>
  );
}
