'use client';
// Create or edit one connection, for any kind in the registry. Secrets are write-only: the form
// never receives them; on edit it sends a secret only when replaced (or null when cleared).
import { useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '../action-result';
import type { FieldSpec, FieldValues, KindForm } from './forms/kind-form';
import { SecretField, type SecretMode } from './secret-field';
import { inputClass } from './field-styles';
import { Modal } from './modal';
import type { ConnectionView } from './types';

interface ConnectionFormProps {
  form: KindForm;
  /** null: a new connection. */
  existing: ConnectionView | null;
  submit(input: Record<string, unknown>): Promise<ActionResult<ConnectionView>>;
  onDone(saved: ConnectionView): void;
  onClose(): void;
}

function initialValues(form: KindForm, existing: ConnectionView | null): FieldValues {
  const blank = Object.fromEntries(form.fields.filter((f) => f.type !== 'secret').map((f) => [f.name, f.initial ?? '']));
  if (!existing) return blank;
  return { ...blank, ...form.fromConfig(existing.config, existing.cloud), name: existing.name };
}

/** zod details from the server (`[{ path, message }]`) → message per top-level field. */
function fieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const out: Record<string, string> = {};
  for (const d of details as { path?: unknown; message?: unknown }[]) {
    const key = typeof d.path === 'string' ? d.path.split('.')[0] : '';
    if (key && typeof d.message === 'string' && !out[key]) out[key] = d.message;
  }
  return out;
}

export function ConnectionForm({ form, existing, submit, onDone, onClose }: ConnectionFormProps) {
  const creating = existing === null;
  const [values, setValues] = useState<FieldValues>(() => initialValues(form, existing));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [modes, setModes] = useState<Record<string, SecretMode>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const visible = form.fields.filter((f) => !f.visible || f.visible(values));

  function payload(): Record<string, unknown> {
    const input: Record<string, unknown> = creating ? { kind: form.kind, ...form.toInput(values) } : form.toInput(values);
    for (const f of visible.filter((x) => x.type === 'secret')) {
      const value = secrets[f.name] ?? '';
      const mode = modes[f.name] ?? 'keep';
      if (creating) {
        if (value !== '') input[f.name] = value;
      } else if (mode === 'clear') {
        input[f.name] = null;
      } else if (mode === 'replace' && value !== '') {
        input[f.name] = value;
      }
      // keep (or replace left empty): not sent, so the server keeps the stored secret.
    }
    return input;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setErrors({});
    startTransition(async () => {
      const result = await submit(payload());
      if (result.ok) return onDone(result.data);
      const byField = fieldErrors(result.details);
      setErrors(byField);
      setFormError(Object.keys(byField).length > 0 ? 'Check the highlighted fields.' : result.error);
    });
  }

  const formId = `connection-form-${form.kind}`;
  return (
    <Modal
      title={creating ? `New ${form.label} connection` : `Edit “${existing.name}”`}
      description={creating ? form.description : 'Secrets are never shown. Leave them as they are to keep them.'}
      onClose={onClose}
      testId="connection-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
            Cancel
          </button>
          <button type="submit" form={formId} disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60">
            {pending ? 'Saving…' : creating ? 'Create connection' : 'Save changes'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
        {formError && (
          <p role="alert" data-testid="connection-form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        )}
        {visible.map((f) =>
          f.type === 'secret' ? (
            <SecretField
              key={f.name}
              field={f}
              creating={creating}
              isSet={existing?.secrets[f.name] === true}
              mode={modes[f.name] ?? 'keep'}
              value={secrets[f.name] ?? ''}
              error={errors[f.name]}
              onMode={(m) => setModes((s) => ({ ...s, [f.name]: m }))}
              onValue={(v) => setSecrets((s) => ({ ...s, [f.name]: v }))}
            />
          ) : (
            <PlainField key={f.name} field={f} values={values} error={errors[f.name]} onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))} />
          ),
        )}
      </form>
    </Modal>
  );
}

function PlainField({ field, values, error, onChange }: { field: FieldSpec; values: FieldValues; error?: string; onChange(value: string): void }) {
  const id = `conn-field-${field.name}`;
  const hint = typeof field.hint === 'function' ? field.hint(values) : field.hint;
  const value = values[field.name] ?? '';
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {field.label}
        {!field.required && field.type !== 'select' && <span className="ml-1 font-normal text-slate-400">(optional)</span>}
      </label>
      {field.type === 'select' ? (
        <select id={id} name={field.name} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass(Boolean(error))}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={field.name}
          type={field.type === 'number' ? 'number' : field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : 'text'}
          value={value}
          required={field.required}
          placeholder={field.placeholder}
          autoComplete={field.autoComplete}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          className={inputClass(Boolean(error))}
        />
      )}
      {error ? <p className="text-xs text-red-700">{error}</p> : hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
