'use client';
// Name, description and a starting point for a new flow.
import { useActionState } from 'react';
import type { ActionResult } from '../action-result';
import { FormError, TextField } from '../ui/form';

interface TemplateOption {
  id: string;
  name: string;
  description: string;
}

export function NewFlowForm({
  templates,
  create,
}: {
  templates: TemplateOption[];
  create: (prev: ActionResult<undefined> | null, form: FormData) => Promise<ActionResult<undefined>>;
}) {
  const [state, action, pending] = useActionState(create, null);
  return (
    <form action={action} className="space-y-5">
      <TextField label="Name" name="name" required maxLength={200} placeholder="e.g. Contain ransomware on servers" />
      <div className="space-y-1.5">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-700">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={2}
          maxLength={2000}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Start from</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {templates.map((t, i) => (
            <label
              key={t.id}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-4 hover:border-indigo-300 has-[:checked]:border-indigo-500 has-[:checked]:ring-2 has-[:checked]:ring-indigo-500/20"
            >
              <input type="radio" name="template" value={t.id} defaultChecked={i === 0} className="mt-1 accent-indigo-600" data-testid={`template-${t.id}`} />
              <span>
                <span className="block text-sm font-semibold text-slate-900">{t.name}</span>
                <span className="mt-0.5 block text-sm text-slate-500">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {state && !state.ok && <FormError testId="new-flow-error">{state.error}</FormError>}
      <div className="flex justify-end">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? 'Creating…' : 'Create and open designer'}
        </button>
      </div>
    </form>
  );
}
