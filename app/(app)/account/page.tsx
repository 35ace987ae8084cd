// /account: your profile, password, where you are signed in, and a way to your API tokens.
import type { Metadata } from 'next';
import Link from 'next/link';
import { accountOf, listSessions } from '@/server/services/account';
import { Card, CardHeader, PageHeader } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { Icon } from '@/components/ui/icon';
import { PasswordChangeForm } from '@/components/account/password-change-form';
import { SessionsPanel } from '@/components/account/sessions-panel';
import { formatUtc } from '@/components/ui/format';
import { currentSessionToken, requirePage } from '../../_lib/auth';
import { changePasswordAction, revokeOtherSessionsAction, revokeSessionAction, signOutEverywhereAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };
export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const principal = await requirePage('account:manage');
  const user = await accountOf(principal.userId);
  const sessions = await listSessions(principal.userId, await currentSessionToken());
  const localPassword = user.hasPassword;
  return (
    <div className="max-w-4xl">
      <PageHeader title="Your account" description="Your password and where you are signed in." />
      <div className="space-y-6">
        <Card>
          <div className="flex flex-wrap items-center gap-4 px-5 py-4">
            <span className="flex h-10 w-10 items-center justify-center rounded-full bg-indigo-50 text-base font-semibold text-indigo-700" aria-hidden="true">
              {(user.name || user.email).slice(0, 1).toUpperCase()}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-semibold text-slate-900" data-testid="account-email">
                {user.name ? `${user.name} · ` : ''}
                {user.email}
              </p>
              <p className="text-sm text-slate-500">Member since {formatUtc(user.createdAt.toISOString()).slice(0, 10)}</p>
            </div>
            <Badge tone="indigo">
              <span className="capitalize">{user.role}</span>
            </Badge>
          </div>
        </Card>

        <Card>
          <CardHeader title="Password" />
          <div className="px-5 py-5">
            {localPassword ? (
              <PasswordChangeForm email={user.email} action={changePasswordAction} />
            ) : (
              <p className="text-sm text-slate-600">You sign in with single sign-on, so there is no Riposte password to change.</p>
            )}
          </div>
        </Card>

        <Card className="overflow-hidden">
          <CardHeader title={`Active sessions (${sessions.length})`} />
          <SessionsPanel
            sessions={sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() }))}
            actions={{ revoke: revokeSessionAction, revokeOthers: revokeOtherSessionsAction, revokeAll: signOutEverywhereAction }}
            now={Date.now()}
          />
        </Card>

        {/* API tokens live on their own page (/account/tokens), owned by the API tokens feature. */}
        <Link
          href="/account/tokens"
          data-testid="api-tokens-link"
          className="flex items-center gap-4 rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-xs hover:border-indigo-300 hover:bg-indigo-50/40"
        >
          <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600">
            <Icon name="braces" className="h-5 w-5" />
          </span>
          <span className="min-w-0 flex-1">
            <span className="block text-sm font-semibold text-slate-900">API tokens</span>
            <span className="block text-sm text-slate-500">Tokens for scripts and integrations calling the REST API as you.</span>
          </span>
          <Icon name="chevron-right" className="h-4 w-4 text-slate-400" />
        </Link>
      </div>
    </div>
  );
}
