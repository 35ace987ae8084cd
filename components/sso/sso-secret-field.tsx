'use client';
// The client secret, write-only: "Set" / "Not set", with Replace (an input) and Clear. The page
// never receives the stored secret, so there is nothing to show.
import { inputClass } from '../connections/field-styles';

export type SsoSecretMode = 'keep' | 'replace' | 'clear';

interface Props {
  isSet: boolean;
  mode: SsoSecretMode;
  value: string;
  error?: string;
  onMode(mode: SsoSecretMode): void;
  onValue(value: string): void;
}

export function SsoSecretField({ isSet, mode, value, error, onMode, onValue }: Props) {
  const status = mode === 'clear' ? 'Will be cleared' : isSet ? 'Set' : 'Not set';
  return (
    <div className="space-y-1.5" data-testid="sso-secret">
      <label htmlFor="sso-client-secret" className="block text-sm font-medium text-slate-700">
        Client secret
      </label>
      <div className="flex items-center gap-3">
        <span
          data-testid="sso-secret-status"
          className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
            mode === 'clear' ? 'bg-amber-50 text-amber-800 ring-amber-600/25' : isSet ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' : 'bg-slate-100 text-slate-600 ring-slate-500/20'
          }`}
        >
          {status}
        </span>
        {mode === 'keep' ? (
          <>
            <button type="button" onClick={() => onMode('replace')} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              {isSet ? 'Replace' : 'Set'}
            </button>
            {isSet && (
              <button type="button" onClick={() => onMode('clear')} className="text-sm font-medium text-slate-500 hover:text-red-600">
                Clear
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              onValue('');
              onMode('keep');
            }}
            className="text-sm font-medium text-slate-500 hover:text-slate-700"
          >
            {isSet ? 'Keep current' : 'Cancel'}
          </button>
        )}
      </div>
      {mode === 'replace' && (
        <input
          id="sso-client-secret"
          type="password"
          autoComplete="new-password"
          value={value}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onValue(e.target.value)}
          placeholder="The secret's Value from Certificates & secrets"
          className={inputClass(Boolean(error))}
        />
      )}
      {error ? (
        <p className="text-xs text-red-700">{error}</p>
      ) : (
        <p className="text-xs text-slate-500">Stored encrypted and never shown again. Entra client secrets expire: replace it before it does.</p>
      )}
    </div>
  );
}
