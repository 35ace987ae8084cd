'use client';
// A write-only secret. New connection: a password input. Existing one: "Set" / "Not set", with
// Replace (reveals an input; empty keeps the current secret) and, for optional secrets, Clear.
import type { FieldSpec } from './forms/kind-form';
import { inputClass } from './field-styles';

export type SecretMode = 'keep' | 'replace' | 'clear';

interface SecretFieldProps {
  field: FieldSpec;
  creating: boolean;
  isSet: boolean;
  mode: SecretMode;
  value: string;
  error?: string;
  onMode(mode: SecretMode): void;
  onValue(value: string): void;
}

export function SecretField({ field, creating, isSet, mode, value, error, onMode, onValue }: SecretFieldProps) {
  const id = `conn-field-${field.name}`;
  const input = (
    <input
      id={id}
      name={field.name}
      type="password"
      autoComplete="new-password"
      value={value}
      required={creating && field.required}
      aria-invalid={error ? true : undefined}
      onChange={(e) => onValue(e.target.value)}
      placeholder={creating ? undefined : 'New value (leave empty to keep the current one)'}
      className={inputClass(Boolean(error))}
    />
  );
  return (
    <div className="space-y-1.5" data-testid={`secret-${field.name}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {field.label}
        {!field.required && <span className="ml-1 font-normal text-slate-400">(optional)</span>}
      </label>
      {creating ? (
        input
      ) : (
        <>
          <div className="flex items-center gap-2">
            <span
              data-testid={`secret-${field.name}-status`}
              className={`inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                mode === 'clear' ? 'bg-amber-50 text-amber-800 ring-amber-600/25' : isSet ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' : 'bg-slate-100 text-slate-600 ring-slate-500/20'
              }`}
            >
              {mode === 'clear' ? 'Will be cleared' : isSet ? 'Set' : 'Not set'}
            </span>
            {mode === 'keep' ? (
              <>
                <button type="button" onClick={() => onMode('replace')} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                  {isSet ? 'Replace' : 'Set'}
                </button>
                {field.clearable && isSet && (
                  <button type="button" onClick={() => onMode('clear')} className="text-sm font-medium text-slate-500 hover:text-red-600">
                    Clear
                  </button>
                )}
              </>
            ) : (
              <button type="button" onClick={() => { onValue(''); onMode('keep'); }} className="text-sm font-medium text-slate-500 hover:text-slate-700">
                {isSet ? 'Keep current' : 'Cancel'}
              </button>
            )}
          </div>
          {mode === 'replace' && input}
        </>
      )}
      {error ? <p className="text-xs text-red-700">{error}</p> : field.hint && typeof field.hint === 'string' && <p className="text-xs text-slate-500">{field.hint}</p>}
    </div>
  );
}
