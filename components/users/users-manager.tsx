'use client';
// /settings/users: every user with role, status, last sign-in and how they sign in; admins invite,
// change roles, disable/enable and reset passwords. The server authorises every action again and
// refuses to disable or demote the last active admin.
import { ConfirmDialog } from '../ui/confirm-dialog';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Badge } from '../ui/badge';
import { Icon } from '../ui/icon';
import { RelativeTime } from '../ui/time';
import { PageHeader } from '../ui/page-header';
import { Modal } from '../connections/modal';
import { InviteDialog } from './invite-dialog';
import { LinkReveal } from './link-reveal';
import { UserStatusBadge } from './user-status';
import { ROLE_LABELS, type LinkView, type UserActions, type UserRole, type UserView } from './types';

const BUTTON = 'inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-50';

type Dialog = { kind: 'invite' } | { kind: 'reset'; user: UserView } | { kind: 'link'; user: UserView; link: LinkView } | null;

export function UsersManager({ users, meId, actions, now }: { users: UserView[]; meId: string; actions: UserActions; now: number }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();

  const update = (user: UserView, patch: { role?: UserRole; disabled?: boolean }, done: string) =>
    start(async () => {
      const r = await actions.update(user.id, patch);
      setMessage(r.ok ? { tone: 'ok', text: done } : { tone: 'error', text: r.error });
      router.refresh();
    });

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to Riposte and what their role allows. Invited users choose their own password through a one-time link."
        actions={
          <button
            type="button"
            onClick={() => setDialog({ kind: 'invite' })}
            className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500"
          >
            <Icon name="plus" className="h-4 w-4" />
            Invite user
          </button>
        }
      />
      {message && (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="users-message"
          className={`mb-4 rounded-md border px-3 py-2 text-sm ${message.tone === 'ok' ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-800'}`}
        >
          {message.text}
        </p>
      )}
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="users-table">
            <thead>
              <tr className="border-b border-slate-200 bg-slate-50/60 text-xs font-medium uppercase tracking-wide text-slate-500">
                <th className="px-5 py-2.5 font-medium">User</th>
                <th className="px-3 py-2.5 font-medium">Role</th>
                <th className="px-3 py-2.5 font-medium">Status</th>
                <th className="px-3 py-2.5 font-medium">Sign-in</th>
                <th className="px-3 py-2.5 font-medium">Last sign-in</th>
                <th className="px-5 py-2.5 text-right font-medium">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => {
                const me = u.id === meId;
                return (
                  <tr key={u.id} data-testid="user-row" data-email={u.email} className={u.disabled ? 'bg-slate-50/70' : undefined}>
                    <td className="px-5 py-3">
                      <div className="flex items-center gap-2">
                        <span className={`truncate font-medium ${u.disabled ? 'text-slate-500' : 'text-slate-900'}`}>{u.name || u.email}</span>
                        {me && <Badge tone="indigo">You</Badge>}
                      </div>
                      {u.name && <div className="truncate text-xs text-slate-500">{u.email}</div>}
                    </td>
                    <td className="px-3 py-3">
                      <select
                        aria-label={`Role of ${u.email}`}
                        data-testid="user-role"
                        value={u.role}
                        disabled={pending}
                        onChange={(e) => {
                          const role = e.target.value as UserRole;
                          update(u, { role }, `${u.email} is now ${ROLE_LABELS[role].toLowerCase()}.`);
                        }}
                        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 shadow-xs"
                      >
                        {(['admin', 'editor', 'viewer'] as const).map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="px-3 py-3">
                      <UserStatusBadge status={u.status} />
                    </td>
                    <td className="px-3 py-3 text-slate-600">{u.signIn === 'sso' ? 'Single sign-on' : 'Password'}</td>
                    <td className="px-3 py-3 text-slate-600">{u.lastLoginAt ? <RelativeTime iso={u.lastLoginAt} now={now} /> : <span className="text-slate-400">Never</span>}</td>
                    <td className="px-5 py-3">
                      <div className="flex justify-end gap-2">
                        {u.signIn === 'local' && !me && !u.disabled && (
                          <button type="button" className={BUTTON} disabled={pending} onClick={() => setDialog({ kind: 'reset', user: u })}>
                            {u.status === 'active' ? 'Reset password' : 'New link'}
                          </button>
                        )}
                        {!me &&
                          (u.disabled ? (
                            <button type="button" className={BUTTON} disabled={pending} onClick={() => update(u, { disabled: false }, `${u.email} can sign in again.`)}>
                              Enable
                            </button>
                          ) : (
                            <button
                              type="button"
                              className={`${BUTTON} hover:border-red-300 hover:bg-red-50 hover:text-red-700`}
                              disabled={pending}
                              onClick={() => update(u, { disabled: true }, `${u.email} is disabled and signed out everywhere.`)}
                            >
                              Disable
                            </button>
                          ))}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <p className="mt-3 text-xs text-slate-500">Disabling a user signs them out everywhere and stops their API tokens. There is always at least one active administrator.</p>

      {dialog?.kind === 'invite' && (
        <InviteDialog
          invite={actions.invite}
          onClose={() => setDialog(null)}
          onInvited={(user) => {
            setMessage({ tone: 'ok', text: `Invited ${user.email}.` });
            router.refresh();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetDialog
          user={dialog.user}
          reset={actions.reset}
          onClose={() => setDialog(null)}
          onDone={(user, link) => {
            setDialog({ kind: 'link', user, link });
            router.refresh();
          }}
        />
      )}
      {dialog?.kind === 'link' && (
        <Modal
          title="New one-time link"
          testId="link-dialog"
          onClose={() => setDialog(null)}
          footer={
            <button type="button" onClick={() => setDialog(null)} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">
              Done
            </button>
          }
        >
          <LinkReveal link={dialog.link} email={dialog.user.email} />
        </Modal>
      )}
    </>
  );
}

function ResetDialog({ user, reset, onClose, onDone }: { user: UserView; reset: UserActions['reset']; onClose(): void; onDone(user: UserView, link: LinkView): void }) {
  const active = user.status === 'active';
  return (
    <ConfirmDialog
      title={active ? `Reset the password of ${user.email}?` : `Issue a new link for ${user.email}?`}
      testId="reset-dialog"
      confirmLabel={active ? 'Reset password' : 'Issue new link'}
      pendingLabel="Working…"
      onConfirm={() => reset(user.id)}
      onDone={(data) => onDone(data.user, data.link)}
      onClose={onClose}
    >
      <p className="text-sm text-slate-600">
        {active
          ? 'Their current password stops working and they are signed out everywhere. You get a one-time link for them to choose a new one.'
          : 'Any earlier link stops working. You get a new one-time link to pass on.'}
      </p>
    </ConfirmDialog>
  );
}
