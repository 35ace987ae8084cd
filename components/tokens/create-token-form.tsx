'use client';
// "Create a token": name, a role no higher than yours (the server checks again), and an expiry.
import { useState, useTransition } from 'react';
import { inputClass } from '../connections/field-styles';
import { EXPIRY_CHOICES, ROLE_LABEL, type NewTokenInput, type TokenActions, type TokenRole, type TokenRow } from './types';

export function CreateTokenForm({ roles, create, onCreated }: { roles: readonly TokenRole[]; create: TokenActions['create']; onCreated(token: TokenRow & { token: string }): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>(roles[roles.length - 1] ?? 'viewer');
  const [expiry, setExpiry] = useState<string>('90');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = () => {
    if (!name.trim()) {
      setError('Give the token a name, e.g. what will use it.');
      return;
    }
    const input: NewTokenInput = { name: name.trim(), role, expiresInDays: expiry === 'never' ? null : (Number(expiry) as 30 | 90 | 365) };
    start(async () => {
      const result = await create(input);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setName('');
      onCreated(result.data);
    });
  };

  return (
    <form
      data-testid="create-token-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="grid gap-4 px-5 py-4 sm:grid-cols-[minmax(0,1fr)_10rem_10rem_auto] sm:items-end"
    >
      <div className="space-y-1.5">
        <label htmlFor="token-name" className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <input id="token-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="e.g. SIEM export" className={inputClass(error !== null && !name.trim())} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="token-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as TokenRole)} className={inputClass(false)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="token-expiry" className="block text-sm font-medium text-slate-700">
          Expires after
        </label>
        <select id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} className={inputClass(false)}>
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.label} value={c.days === null ? 'never' : String(c.days)}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={pending} className="inline-flex h-[38px] items-center justify-center gap-1.5 rounded-md bg-indigo-600 px-3.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60">
        {pending ? 'Creating…' : 'Create token'}
      </button>
      {error && (
        <p role="alert" data-testid="create-token-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-4">
          {error}
        </p>
      )}
    </form>
  );
}
