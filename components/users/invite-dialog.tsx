'use client';
// Invite a user: email, name, role → the account is created without a password and the one-time
// link is shown once, for the admin to pass on.
import { useState, useTransition } from 'react';
import { Modal } from '../connections/modal';
import { inputClass } from '../connections/field-styles';
import { LinkReveal } from './link-reveal';
import { ROLE_HINTS, ROLE_LABELS, type LinkView, type UserActions, type UserRole, type UserView } from './types';

const ROLES: UserRole[] = ['viewer', 'editor', 'admin'];

export function InviteDialog({ invite, onClose, onInvited }: { invite: UserActions['invite']; onClose(): void; onInvited(user: UserView): void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('viewer');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ user: UserView; link: LinkView } | null>(null);
  const [pending, start] = useTransition();

  const submit = () =>
    start(async () => {
      const r = await invite({ email, name, role });
      if (!r.ok) return setError(r.error);
      setError(null);
      setResult(r.data);
      onInvited(r.data.user);
    });

  if (result) {
    return (
      <Modal
        title="Invitation created"
        testId="invite-dialog"
        onClose={onClose}
        footer={
          <button type="button" onClick={onClose} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">
            Done
          </button>
        }
      >
        <LinkReveal link={result.link} email={result.user.email} />
      </Modal>
    );
  }

  return (
    <Modal
      title="Invite a user"
      description="They get a link to choose their own password. No password is ever set for them."
      testId="invite-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            form="invite-form"
            disabled={pending}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60"
          >
            {pending ? 'Inviting…' : 'Create invitation'}
          </button>
        </>
      }
    >
      <form
        id="invite-form"
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {error && (
          <p role="alert" data-testid="invite-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="space-y-1.5">
          <label htmlFor="invite-email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input id="invite-email" type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} className={inputClass(false)} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="invite-name" className="block text-sm font-medium text-slate-700">
            Name <span className="font-normal text-slate-400">(optional)</span>
          </label>
          <input id="invite-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} className={inputClass(false)} />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Role</legend>
          {ROLES.map((r) => (
            <label key={r} className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${role === r ? 'border-indigo-400 bg-indigo-50/50' : 'border-slate-200 hover:bg-slate-50'}`}>
              <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} className="mt-0.5" />
              <span>
                <span className="block text-sm font-medium text-slate-900">{ROLE_LABELS[r]}</span>
                <span className="block text-xs text-slate-500">{ROLE_HINTS[r]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </form>
    </Modal>
  );
}
